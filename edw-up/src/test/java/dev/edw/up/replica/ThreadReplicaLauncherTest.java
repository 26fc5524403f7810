package dev.edw.up.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.up.work.WorkTimeProcessorFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thread replicas end as edw consume does: the worker drains, then the processor is closed. */
class ThreadReplicaLauncherTest {
  @TempDir Path dir;

  @Test
  void
      a_terminated_thread_replica_closes_its_processor_once_and_the_work_time_wrapper_passes_it_on()
          throws Exception {
    Backends backends =
        new Backends(
            new BackendContext(
                Map.of("EDW_STORE", "sqlite:" + dir.resolve("e.db")), Clock.systemUTC()));
    try (WorkQueue q = backends.queue("q")) {
      q.createIfMissing();
    }
    ThreadReplicaLauncher launcher =
        new ThreadReplicaLauncher(
            backends,
            "q",
            "results",
            WorkTimeProcessorFactory.NAME,
            Map.of(
                WorkTimeProcessorFactory.WORK_MS,
                "1",
                WorkTimeProcessorFactory.DELEGATE,
                CloseProbeProcessorFactory.NAME),
            ConsumerOptions.builder().drainTimeout(Duration.ofSeconds(5)).build(),
            Clock.systemUTC());
    int before = CloseProbeProcessorFactory.CLOSED.get();

    Replica replica = launcher.launch("pod-1", false);
    await().atMost(Duration.ofSeconds(30)).until(replica::ready);
    replica.terminate();
    await().atMost(Duration.ofSeconds(30)).until(() -> !replica.alive());

    assertThat(CloseProbeProcessorFactory.CLOSED.get() - before).isEqualTo(1);
  }
}
