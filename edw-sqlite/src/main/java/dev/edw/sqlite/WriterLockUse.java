package dev.edw.sqlite;

import java.time.Duration;

/**
 * How long this process has held the embedded store's write locks, all files together, and in how
 * many turns (one a transaction): what bounds a run on one file, for {@code edw bench} to print
 * beside its figures. Read before and after a run and subtract.
 */
public record WriterLockUse(long turns, Duration held) {
  /** The totals so far. */
  public static WriterLockUse now() {
    return new WriterLockUse(
        WriterLock.totalTurns(), Duration.ofNanos(WriterLock.totalHeldNanos()));
  }

  /** What was used since {@code earlier}. */
  public WriterLockUse since(WriterLockUse earlier) {
    return new WriterLockUse(turns - earlier.turns, held.minus(earlier.held));
  }
}
