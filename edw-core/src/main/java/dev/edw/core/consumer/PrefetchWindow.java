package dev.edw.core.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many messages a replica receives ahead of processing. It never goes below the configured
 * prefetch and never above the ceiling; in between it follows the replica's completion rate, so
 * that the messages held beyond the workers are about what the replica finishes in {@link
 * #HORIZON}.
 *
 * <p>Why: a fast processor (the record processor finishes tens of thousands of messages a second)
 * needs more than the default prefetch in flight, or the result writer's batch never fills while
 * the previous batch commits and the pipeline runs stop and go. A slow processor (an image resize
 * of a second) must not hoard: messages leased by one replica are invisible to the replicas that
 * KEDA adds for them. A window measured in time rather than in messages serves both: at 50,000
 * messages a second 100 ms is 5,000 messages (so the ceiling), at 64 a second it is 6 (so the
 * configured prefetch).
 *
 * <p>The rate is sampled over at least {@link #SAMPLE} between calls. Thread-safe.
 */
final class PrefetchWindow {
  /** The extra messages held should start within about this long. */
  static final Duration HORIZON = Duration.ofMillis(100);

  /** The shortest span the completion rate is measured over. */
  static final Duration SAMPLE = Duration.ofMillis(100);

  private final int floor;
  private final int ceiling;
  private final LongSupplier completed;
  private final Clock clock;
  private long sampledAt = Long.MIN_VALUE;
  private long completedAtSample;
  private int size;

  /**
   * @param floor the configured prefetch, the window's least size
   * @param ceiling the most it may grow to; at or below {@code floor} the window is fixed
   * @param completed messages completed so far (a counter that only grows)
   */
  PrefetchWindow(int floor, int ceiling, LongSupplier completed, Clock clock) {
    this.floor = floor;
    this.ceiling = Math.max(floor, ceiling);
    this.completed = completed;
    this.clock = clock;
    this.size = floor;
  }

  /** The window now, updated from the completions since the last sample. */
  synchronized int size() {
    if (ceiling == floor) {
      return floor;
    }
    long now = clock.millis();
    long done = completed.getAsLong();
    if (sampledAt == Long.MIN_VALUE) {
      sampledAt = now;
      completedAtSample = done;
      return size;
    }
    long elapsed = now - sampledAt;
    if (elapsed >= SAMPLE.toMillis()) {
      double perMilli = (double) (done - completedAtSample) / elapsed;
      long wanted = Math.round(perMilli * HORIZON.toMillis());
      size = (int) Math.max(floor, Math.min(ceiling, wanted));
      sampledAt = now;
      completedAtSample = done;
    }
    return size;
  }
}
