package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM drains a consumer process: running work completes, prefetched work is released. */
class DrainTest {
  @TempDir Path dir;

  @Test
  void sigterm_finishes_running_messages_releases_the_rest_at_once_and_exits_zero()
      throws Exception {
    Map<String, String> env = Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"));
    assertThat(EdwProcess.run(dir, env, "produce", "--count", "50").exitCode()).isZero();
    Backends backends = new Backends(new BackendContext(env, Clock.systemUTC()));
    try (WorkQueue queue = backends.queue("edw-queue")) {
      Process consumer =
          EdwProcess.start(
              dir,
              env,
              "consume",
              "--concurrency",
              "2",
              "--prefetch",
              "20",
              "--processor-option",
              "workMs=10000",
              "--drain-timeout",
              "20s",
              "--metrics-port",
              "-1");
      await().atMost(Duration.ofSeconds(60)).until(() -> queue.depth().inFlight() == 22);

      long signalled = System.nanoTime();
      consumer.destroy();

      // released long before the running messages (10 s of work each) can have finished
      await().atMost(Duration.ofSeconds(6)).until(() -> queue.depth().visible() == 48);
      assertThat(consumer.isAlive()).isTrue();
      assertThat(consumer.waitFor(25, TimeUnit.SECONDS)).isTrue();
      double seconds = (System.nanoTime() - signalled) / 1e9;
      assertThat(consumer.exitValue()).isZero();
      assertThat(seconds).isLessThan(20);
      try (ResultTable table = backends.table("edwresults")) {
        assertThat(table.count()).isEqualTo(2);
      }
      assertThat(queue.depth().visible()).isEqualTo(48);
      assertThat(queue.depth().inFlight()).isZero();
    }
  }

  @Test
  void a_drain_that_times_out_exits_within_its_timeout_and_leaves_nothing_in_flight()
      throws Exception {
    Map<String, String> env = Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"));
    assertThat(EdwProcess.run(dir, env, "produce", "--count", "10").exitCode()).isZero();
    Backends backends = new Backends(new BackendContext(env, Clock.systemUTC()));
    try (WorkQueue queue = backends.queue("edw-queue")) {
      Process consumer =
          EdwProcess.start(
              dir,
              env,
              "consume",
              "--concurrency",
              "2",
              "--prefetch",
              "0",
              "--processor-option",
              "workMs=120000",
              "--drain-timeout",
              "2s",
              "--metrics-port",
              "-1");
      await().atMost(Duration.ofSeconds(60)).until(() -> queue.depth().inFlight() == 2);

      long signalled = System.nanoTime();
      consumer.destroy();
      assertThat(consumer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      double seconds = (System.nanoTime() - signalled) / 1e9;
      var depth = queue.depth();

      // the drain timeout is 2 s; the process itself (JVM exit) gets half a second on a busy
      // machine, where before the drain overran by about 10 s
      assertThat(seconds).isLessThan(2.5);
      assertThat(consumer.exitValue()).isEqualTo(1);
      assertThat(depth.inFlight()).isZero();
      assertThat(depth.visible()).isEqualTo(10);
    }
  }
}
