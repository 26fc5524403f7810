package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.core.consumer.ConsumerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
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
      Path log = dir.resolve("consumer.log");
      Process consumer =
          EdwProcess.start(
              dir,
              env,
              log,
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
      try {
        await().atMost(Duration.ofSeconds(6)).until(() -> queue.depth().visible() == 48);
      } catch (ConditionTimeoutException e) {
        // seen once in CI: say what the queue and the consumer did, for the next time
        throw new AssertionError(
            "not released within 6 s: "
                + queue.depth()
                + ", consumer alive "
                + consumer.isAlive()
                + ", its log:\n"
                + Files.readString(log),
            e);
      }
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
    TimedDrain drain = drainTwoHungMessages(10, "--drain-timeout", "2s");

    // the drain timeout is 2 s; the process itself (JVM exit) gets half a second on a busy
    // machine, where before the drain overran by about 10 s
    assertThat(drain.seconds()).isLessThan(2.5);
    drain.leftNothingInFlight(10);
  }

  @Test
  void a_drain_with_the_default_timeout_exits_within_it_well_inside_the_kubernetes_grace_period()
      throws Exception {
    // no --drain-timeout: the default, 25 s
    TimedDrain drain = drainTwoHungMessages(6);

    double timeout = ConsumerOptions.DEFAULT_DRAIN_TIMEOUT.toMillis() / 1000.0;
    // the running messages had until the timeout less its reserve to finish; the process is
    // gone before the timeout plus the JVM's exit, far from the 30 s after which Kubernetes kills
    assertThat(drain.seconds()).isGreaterThan(timeout - 5).isLessThan(timeout + 1);
    drain.leftNothingInFlight(6);
  }

  /** How long a consumer took to exit after SIGTERM, and what it left. */
  private record TimedDrain(double seconds, int exitCode, QueueDepth depth) {
    /** It gave up on its running messages (exit 1) and left every message visible at once. */
    void leftNothingInFlight(int messages) {
      assertThat(exitCode).isEqualTo(1);
      assertThat(depth.inFlight()).isZero();
      assertThat(depth.visible()).isEqualTo(messages);
    }
  }

  /**
   * Starts a consumer on {@code messages} messages that take two minutes each, two at a time, sends
   * it SIGTERM once both run, and times its exit.
   */
  private TimedDrain drainTwoHungMessages(int messages, String... flags) throws Exception {
    Map<String, String> env = Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"));
    assertThat(EdwProcess.run(dir, env, "produce", "--count", "" + messages).exitCode()).isZero();
    Backends backends = new Backends(new BackendContext(env, Clock.systemUTC()));
    try (WorkQueue queue = backends.queue("edw-queue")) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "consume",
                  "--concurrency",
                  "2",
                  "--prefetch",
                  "0",
                  "--processor-option",
                  "workMs=120000",
                  "--metrics-port",
                  "-1"));
      args.addAll(List.of(flags));
      Process consumer = EdwProcess.start(dir, env, args.toArray(String[]::new));
      await().atMost(Duration.ofSeconds(60)).until(() -> queue.depth().inFlight() == 2);

      long signalled = System.nanoTime();
      consumer.destroy();
      assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).isTrue();
      double seconds = (System.nanoTime() - signalled) / 1e9;
      return new TimedDrain(seconds, consumer.exitValue(), queue.depth());
    }
  }
}
