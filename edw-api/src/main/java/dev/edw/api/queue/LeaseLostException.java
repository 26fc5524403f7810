package dev.edw.api.queue;

import dev.edw.api.EdwException;

/**
 * A receipt no longer names a live lease: it expired and the message was received again, or the
 * message was deleted. The message is then someone else's; results written for it are idempotent,
 * so the right response is to drop it quietly. Not retryable.
 */
public class LeaseLostException extends EdwException {
  public LeaseLostException(String message) {
    super(message, false);
  }

  /** The message of {@code receipt} in queue {@code queueName} is no longer leased by it. */
  public static LeaseLostException notLeasedBy(Receipt receipt, String queueName) {
    return new LeaseLostException(
        "message "
            + receipt.messageId()
            + " of "
            + queueName
            + " is no longer leased by this receipt");
  }
}
