package dev.edw.api.queue;

import java.util.Objects;

/**
 * Names one lease of one message: Azure's message id plus pop receipt, SQS's receipt handle, the
 * embedded store's lease token. Opaque to everyone but the backend that issued it.
 *
 * @param messageId the message's id
 * @param handle the backend's lease token
 */
public record Receipt(String messageId, String handle) {
  public Receipt {
    Objects.requireNonNull(messageId, "'messageId' cannot be null.");
    Objects.requireNonNull(handle, "'handle' cannot be null.");
  }

  @Override
  public String toString() {
    return "Receipt[" + messageId + "]";
  }
}
