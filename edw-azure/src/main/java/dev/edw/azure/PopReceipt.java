package dev.edw.azure;

import dev.edw.api.InvalidInputException;
import dev.edw.api.queue.Receipt;

/**
 * The handle of an Azure {@link Receipt}: the message id and the pop receipt of its current lease,
 * joined by a character neither contains. Azure issues a new pop receipt on every update, so a
 * handle names exactly one lease.
 */
record PopReceipt(String messageId, String popReceipt) {
  private static final char SEPARATOR = '|';

  static Receipt receipt(String messageId, String popReceipt) {
    return new Receipt(messageId, messageId + SEPARATOR + popReceipt);
  }

  static PopReceipt of(Receipt receipt) {
    String handle = receipt.handle();
    int at = handle.indexOf(SEPARATOR);
    if (at <= 0
        || at == handle.length() - 1
        || !handle.substring(0, at).equals(receipt.messageId())) {
      throw new InvalidInputException(receipt + " was not issued by an Azure queue");
    }
    return new PopReceipt(receipt.messageId(), handle.substring(at + 1));
  }
}
