package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import dev.edw.core.backend.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumers in separate OS processes; one is killed with SIGKILL several times and restarted.
 * Afterwards every message has exactly one row, the queue is empty and nothing was poisoned.
 */
@Tag("slow")
class CrashRecoveryTest {
  private static final int MESSAGES = 20_000;

  @TempDir Path dir;

  @Test
  void killed_and_restarted_consumers_leave_exactly_one_row_per_message() throws Exception {
    Map<String, String> env = Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"));
    EdwProcess.Result produced =
        EdwProcess.run(dir, env, "produce", "--count", "" + MESSAGES, "--no-progress");
    assertThat(produced.exitCode()).as(produced.stderr()).isZero();
    Backends backends = new Backends(new BackendContext(env, Clock.systemUTC()));
    String[] consume = {
      "consume",
      "--visibility",
      "2s",
      "--metrics-port",
      "-1",
      "--concurrency",
      "16",
      "--prefetch",
      "64",
      "--write-batch",
      "64"
    };
    List<Process> all = new ArrayList<>();
    try (WorkQueue queue = backends.queue("edw-queue");
        WorkQueue poison = backends.queue("edw-queue-poison")) {
      Process steady = EdwProcess.start(dir, env, consume);
      all.add(steady);
      Process victim = EdwProcess.start(dir, env, consume);
      all.add(victim);
      ResultTable table = backends.table("edwresults");
      await().atMost(Duration.ofSeconds(60)).until(table::exists);
      for (int kill = 1; kill <= 3; kill++) {
        long target = (long) MESSAGES * kill / 5;
        await().atMost(Duration.ofSeconds(120)).until(() -> table.count() >= target);

        victim.destroyForcibly();
        assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.exitValue()).isEqualTo(137);
        victim = EdwProcess.start(dir, env, consume);
        all.add(victim);
      }

      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> queue.depth().isEmpty());
      // the poison queue is created on the first poisoned message, so a clean run has none
      boolean anyPoisoned = poison.exists() && !poison.depth().isEmpty();
      List<String> partitions =
          table.query(TableQuery.all(MESSAGES * 2)).stream().map(e -> e.partitionKey()).toList();
      Set<String> unique = new HashSet<>(partitions);

      assertThat(table.count()).isEqualTo(MESSAGES);
      assertThat(partitions).hasSize(MESSAGES);
      assertThat(unique).hasSize(MESSAGES);
      assertThat(anyPoisoned).as("anything poisoned").isFalse();
      table.close();
    } finally {
      for (Process p : all) {
        p.destroy();
      }
      for (Process p : all) {
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
