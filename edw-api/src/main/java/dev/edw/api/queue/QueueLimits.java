package dev.edw.api.queue;

import java.time.Duration;

/**
 * What a queue service allows.
 *
 * @param maxReceiveBatch most messages one receive returns (Azure 32, SQS 10)
 * @param maxSendBatch most messages one send call carries (Azure 1, SQS 10)
 * @param maxMessageBytes largest body in UTF-8 bytes (Azure 64 KiB, SQS 256 KiB)
 * @param maxVisibility longest lease (Azure 7 days, SQS 12 hours)
 */
public record QueueLimits(
    int maxReceiveBatch, int maxSendBatch, int maxMessageBytes, Duration maxVisibility) {
  public QueueLimits {
    if (maxReceiveBatch < 1 || maxSendBatch < 1 || maxMessageBytes < 1) {
      throw new IllegalArgumentException("queue limits must be positive");
    }
  }
}
