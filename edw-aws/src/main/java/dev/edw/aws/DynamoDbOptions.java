package dev.edw.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How a DynamoDB table waits and retries.
 *
 * @param createTimeout how long {@code createIfMissing} waits for a new table to become ACTIVE
 * @param maxWriteAttempts how many BatchWriteItem calls one batch gets while DynamoDB leaves items
 *     unprocessed (throttling)
 * @param backoffBase the pause before the second attempt; it doubles each time
 * @param backoffCap the longest pause
 */
record DynamoDbOptions(
    Duration createTimeout, int maxWriteAttempts, Duration backoffBase, Duration backoffCap) {
  static final Duration DEFAULT_CREATE_TIMEOUT = Duration.ofMinutes(5);
  static final int DEFAULT_MAX_WRITE_ATTEMPTS = 10;
  static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(50);
  static final Duration DEFAULT_BACKOFF_CAP = Duration.ofSeconds(5);

  static final DynamoDbOptions DEFAULT =
      new DynamoDbOptions(
          DEFAULT_CREATE_TIMEOUT,
          DEFAULT_MAX_WRITE_ATTEMPTS,
          DEFAULT_BACKOFF_BASE,
          DEFAULT_BACKOFF_CAP);

  DynamoDbOptions {
    Objects.requireNonNull(createTimeout, "'createTimeout' cannot be null.");
    Objects.requireNonNull(backoffBase, "'backoffBase' cannot be null.");
    Objects.requireNonNull(backoffCap, "'backoffCap' cannot be null.");
    if (maxWriteAttempts < 1) {
      throw new IllegalArgumentException("'maxWriteAttempts' must be at least 1.");
    }
    if (backoffCap.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("'backoffCap' cannot be shorter than 'backoffBase'.");
    }
  }

  /** The pause after failed attempt {@code attempt} (1 for the first). */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration pause = backoffBase.multipliedBy(factor);
    return pause.compareTo(backoffCap) > 0 ? backoffCap : pause;
  }
}
