package dev.edw.core.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs at most one WARN line per period; the lines held back are counted and reported with the next
 * one, so a failure that repeats thousands of times a second is one line every few seconds, not a
 * log storm. Thread-safe.
 */
final class RateLimitedLog {
  private final Logger log;
  private final long periodMillis;
  private final Clock clock;
  private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  RateLimitedLog(Logger log, Duration period, Clock clock) {
    this.log = log;
    this.periodMillis = period.toMillis();
    this.clock = clock;
  }

  /** Logs {@code format} with {@code args} at WARN, unless a line was logged within the period. */
  void warn(String format, Object... args) {
    if (allowed()) {
      long held = suppressed.getAndSet(0);
      log.warn(held == 0 ? format : format + " (and {} more like it)", with(args, held));
    }
  }

  /** Like {@link #warn}, at INFO. */
  void info(String format, Object... args) {
    if (allowed()) {
      long held = suppressed.getAndSet(0);
      log.info(held == 0 ? format : format + " (and {} more like it)", with(args, held));
    }
  }

  private boolean allowed() {
    long now = clock.millis();
    long next = nextAllowed.get();
    if (now >= next && nextAllowed.compareAndSet(next, now + periodMillis)) {
      return true;
    }
    suppressed.incrementAndGet();
    return false;
  }

  private static Object[] with(Object[] args, long held) {
    if (held == 0) {
      return args;
    }
    Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = held;
    return all;
  }
}
