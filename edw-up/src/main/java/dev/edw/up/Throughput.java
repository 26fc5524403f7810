package dev.edw.up;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** Completed messages a second over a sliding window of counter samples. Not thread-safe. */
final class Throughput {
  private record Sample(Instant at, long count) {}

  private final Duration window;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  Throughput(Duration window) {
    this.window = window;
  }

  /** Adds a sample of the running total and returns the rate over the window. */
  double add(Instant now, long count) {
    samples.addLast(new Sample(now, count));
    while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(window))) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    double seconds = Duration.between(first.at(), now).toMillis() / 1000.0;
    return seconds <= 0 ? 0 : Math.max(0, count - first.count()) / seconds;
  }
}
