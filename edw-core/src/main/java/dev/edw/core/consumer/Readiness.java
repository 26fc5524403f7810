package dev.edw.core.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What {@code /readyz} answers: ready while the worker runs and is not draining, every loop
 * completes its ticks ({@link LoopRunner#stalled}), as many workers live as the concurrency asks
 * for, and no backend has been unreachable for longer than {@link #NOT_READY_AFTER_OUTAGE}.
 */
final class Readiness {
  /** Readiness fails when a backend has been unreachable for longer than this. */
  static final Duration NOT_READY_AFTER_OUTAGE = Duration.ofSeconds(30);

  private final List<LoopRunner> loops;
  private final WorkerPool pool;
  private final Capacity capacity;
  private final OutageWatch watch;
  private final Clock clock;

  Readiness(
      List<LoopRunner> loops, WorkerPool pool, Capacity capacity, OutageWatch watch, Clock clock) {
    this.loops = loops;
    this.pool = pool;
    this.capacity = capacity;
    this.watch = watch;
    this.clock = clock;
  }

  /** Why the worker is not ready, or null when it is. */
  String notReadyReason(boolean started, boolean stopping) {
    if (!started) {
      return "not started";
    }
    if (stopping) {
      return "draining";
    }
    long now = clock.millis();
    for (LoopRunner loop : List.copyOf(loops)) {
      if (loop.stalled(now)) {
        return "the "
            + loop.loop()
            + " loop has completed no tick for "
            + ConsumerOptions.flag(Duration.ofMillis(now - loop.lastTickMillis()));
      }
    }
    if (pool.live() < capacity.concurrency()) {
      return pool.live() + " of " + capacity.concurrency() + " workers alive";
    }
    Duration down = watch.unreachableFor();
    if (down.compareTo(NOT_READY_AFTER_OUTAGE) > 0) {
      return "a backend has been unreachable for " + ConsumerOptions.flag(down);
    }
    return null;
  }
}
