package dev.edw.api.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * A message to send.
 *
 * @param body UTF-8 text
 * @param groupId message group for ordered queues (SQS FIFO); null elsewhere
 * @param deduplicationId id by which an ordered queue drops repeats; null to let the backend decide
 * @param delay how long the message stays invisible after it is sent; zero for none
 */
public record OutgoingMessage(String body, String groupId, String deduplicationId, Duration delay) {
  public OutgoingMessage {
    Objects.requireNonNull(body, "'body' cannot be null.");
    Objects.requireNonNull(delay, "'delay' cannot be null.");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("'delay' cannot be negative.");
    }
  }

  /** A plain message with no group and no delay. */
  public static OutgoingMessage of(String body) {
    return new OutgoingMessage(body, null, null, Duration.ZERO);
  }
}
