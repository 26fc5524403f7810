package dev.edw.core.consumer;

import java.time.Duration;

/** Exponential back-off of a loop after errors; reset after a success. Not thread-safe. */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration next;

  Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** The wait to use now; the next one is twice as long, up to the maximum. */
  Duration next() {
    Duration now = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return now;
  }

  void reset() {
    next = first;
  }
}
