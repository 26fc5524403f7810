package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.BackendUnavailableException;
import dev.edw.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness on a manual clock: stalled loops, missing workers, unreachable backends. */
class ReadinessTest {
  private final ManualClock clock = new ManualClock();
  private final List<LoopRunner> loops = new CopyOnWriteArrayList<>();
  private final Capacity capacity = new Capacity(2, 0, 0);
  private final OutageWatch watch =
      new OutageWatch(WorkerListener.NONE, Duration.ofDays(1), clock, () -> {});
  private final WorkerPool pool =
      new WorkerPool("orders", 2, Duration.ofMinutes(5), clock, f -> {}, (f, c) -> {}, () -> {});
  private final Readiness readiness = new Readiness(loops, pool, capacity, watch, clock);

  @AfterEach
  void stop() {
    pool.stop();
  }

  @Test
  void ready_only_once_started_and_not_while_draining() {
    pool.start();

    assertThat(readiness.notReadyReason(false, false)).isEqualTo("not started");
    assertThat(readiness.notReadyReason(true, false)).isNull();
    assertThat(readiness.notReadyReason(true, true)).isEqualTo("draining");
  }

  @Test
  void a_loop_that_completes_no_tick_for_a_few_intervals_makes_the_worker_unready() {
    pool.start();
    AtomicBoolean failing = new AtomicBoolean();
    LoopRunner lease =
        new LoopRunner(
            "lease",
            "orders",
            Duration.ofSeconds(10),
            () -> true,
            () -> {
              if (failing.get()) {
                throw new IllegalStateException("down");
              }
            },
            d -> {},
            clock,
            WorkerListener.NONE);
    loops.add(lease);
    lease.runOnce();

    failing.set(true);
    clock.advance(Duration.ofSeconds(30));
    lease.runOnce();
    String atThreeIntervals = readiness.notReadyReason(true, false);
    clock.advance(Duration.ofSeconds(1));
    lease.runOnce();

    assertThat(atThreeIntervals).isNull();
    assertThat(readiness.notReadyReason(true, false))
        .isEqualTo("the lease loop has completed no tick for 31s");
  }

  @Test
  void fewer_live_workers_than_the_concurrency_is_not_ready() {
    String beforeStart = readiness.notReadyReason(true, false);
    pool.start();

    assertThat(beforeStart).isEqualTo("0 of 2 workers alive");
    assertThat(readiness.notReadyReason(true, false)).isNull();
  }

  @Test
  void a_backend_unreachable_for_over_the_bound_is_not_ready_until_it_answers() {
    pool.start();
    watch.outage("write", new BackendUnavailableException("SQLITE_FULL", null));

    clock.advance(Readiness.NOT_READY_AFTER_OUTAGE);
    String atBound = readiness.notReadyReason(true, false);
    clock.advance(Duration.ofSeconds(1));
    String past = readiness.notReadyReason(true, false);
    watch.completed(
        new dev.edw.api.queue.ReceivedMessage("m", "{}", 1, null, null, null), Duration.ZERO);

    assertThat(atBound).isNull();
    assertThat(past).isEqualTo("a backend has been unreachable for 31s");
    assertThat(readiness.notReadyReason(true, false)).isNull();
  }
}
