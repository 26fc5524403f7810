package dev.edw.sqlite;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * How a connection waits for another process's write lock. SQLite's own busy timeout sleeps 1, 2,
 * 5, 10 ... up to 100 ms between looks, while a replica of edw holds the lock for a few
 * milliseconds per transaction: with several processes on one file they spent most of their time
 * asleep next to a free lock. This handler looks again after a short random pause (so waiting
 * processes do not wake in step), growing from {@link #FIRST_PAUSE} to {@link #MAX_PAUSE}, and
 * gives up (SQLITE_BUSY, a retryable error) after the busy timeout.
 */
final class BusyWait extends BusyHandler {
  static final Duration FIRST_PAUSE = Duration.ofNanos(100_000);
  static final Duration MAX_PAUSE = Duration.ofMillis(2);

  private final long timeoutNanos;
  private long startedAt;
  private final java.util.concurrent.atomic.LongAdder wakeUps =
      new java.util.concurrent.atomic.LongAdder();

  BusyWait(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  /**
   * How many times this handler has paused to look again: with the {@link WriterLock} taken by
   * every writer, only waits on writers that do not take it (and on checkpoints) are left here.
   */
  long wakeUps() {
    return wakeUps.sum();
  }

  /** Called by SQLite on the thread that met the lock; {@code previous} is 0 on a fresh wait. */
  @Override
  protected int callback(int previous) {
    long now = System.nanoTime();
    if (previous == 0) {
      startedAt = now;
    } else if (now - startedAt >= timeoutNanos) {
      return 0;
    }
    wakeUps.increment();
    long ceiling = Math.min(MAX_PAUSE.toNanos(), FIRST_PAUSE.toNanos() << Math.min(previous, 5));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    return 1;
  }
}
