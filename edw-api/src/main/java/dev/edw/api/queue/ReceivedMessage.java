package dev.edw.api.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as received (with a receipt) or peeked (receipt null).
 *
 * @param id the backend's message id; stable across redeliveries, so results keyed by it are
 *     idempotent
 * @param body the text as sent
 * @param dequeueCount how many times the message has been received, this time included
 * @param enqueuedAt when the message was first sent, where the backend knows; else null
 * @param groupId the message group on ordered queues; else null
 * @param receipt the lease; null for a peeked message
 */
public record ReceivedMessage(
    String id, String body, int dequeueCount, Instant enqueuedAt, String groupId, Receipt receipt) {
  public ReceivedMessage {
    Objects.requireNonNull(id, "'id' cannot be null.");
    Objects.requireNonNull(body, "'body' cannot be null.");
  }
}
