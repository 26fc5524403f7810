package dev.edw.api.queue;

import dev.edw.api.EdwException;

/**
 * The outcome for one receipt of a batch call.
 *
 * @param requested the receipt the call was made with
 * @param current the receipt to use from now on (after a visibility change), or null after a delete
 *     or a failure
 * @param failure why this item failed, or null on success
 */
public record ReceiptResult(Receipt requested, Receipt current, EdwException failure) {

  public static ReceiptResult ok(Receipt requested, Receipt current) {
    return new ReceiptResult(requested, current, null);
  }

  public static ReceiptResult failed(Receipt requested, EdwException failure) {
    return new ReceiptResult(requested, null, failure);
  }

  public boolean succeeded() {
    return failure == null;
  }

  /** Whether the lease had been lost: the message belongs to another receiver or is gone. */
  public boolean leaseLost() {
    return failure instanceof LeaseLostException;
  }
}
