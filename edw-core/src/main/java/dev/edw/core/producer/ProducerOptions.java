package dev.edw.core.producer;

import java.time.Duration;

/**
 * What {@link Producer} sends.
 *
 * @param count messages to send; 0 for no limit (then {@code duration} bounds the run)
 * @param duration how long to send; null for no limit
 * @param rate messages per second; 0 for as fast as the queue takes them
 * @param payloadBytes size of the {@code msg} text; 0 for the seed's short text
 * @param batchSize messages per send call (capped by the queue's own limit)
 * @param senders concurrent senders (useful where a send carries one message, as on Azure); with
 *     message groups at most {@code groupCount}, each sending its own groups in order
 * @param groupCount message groups to spread over, for ordered (FIFO) queues; 0 for none
 * @param giveUpAfter how long one batch is retried while the queue fails retryably (unreachable,
 *     throttled, a full disk) before the run stops, saying how many messages it sent
 */
public record ProducerOptions(
    long count,
    Duration duration,
    double rate,
    int payloadBytes,
    int batchSize,
    int senders,
    int groupCount,
    Duration giveUpAfter) {

  public static final long DEFAULT_COUNT = 100;
  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final int DEFAULT_SENDERS = 4;
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;
  public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofSeconds(60);

  /** Options that give up after {@link #DEFAULT_GIVE_UP_AFTER}. */
  public ProducerOptions(
      long count,
      Duration duration,
      double rate,
      int payloadBytes,
      int batchSize,
      int senders,
      int groupCount) {
    this(
        count, duration, rate, payloadBytes, batchSize, senders, groupCount, DEFAULT_GIVE_UP_AFTER);
  }

  public ProducerOptions {
    if (count < 0) {
      throw new IllegalArgumentException("'count' cannot be negative.");
    }
    if (count == 0 && duration == null) {
      throw new IllegalArgumentException("give a message count or a duration, or both.");
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("'duration' must be positive.");
    }
    if (rate < 0 || Double.isNaN(rate)) {
      throw new IllegalArgumentException("'rate' cannot be negative.");
    }
    if (payloadBytes < 0 || payloadBytes > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "'payloadBytes' must be between 0 and " + MAX_PAYLOAD_BYTES + ".");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("'batchSize' must be at least 1.");
    }
    if (senders < 1) {
      throw new IllegalArgumentException("'senders' must be at least 1.");
    }
    if (groupCount < 0) {
      throw new IllegalArgumentException("'groupCount' cannot be negative.");
    }
    if (giveUpAfter == null || giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("'giveUpAfter' cannot be null or negative.");
    }
  }

  public static ProducerOptions count(long count) {
    return new ProducerOptions(count, null, 0, 0, DEFAULT_BATCH_SIZE, DEFAULT_SENDERS, 0);
  }
}
