package dev.edw.api.processor;

import dev.edw.api.InvalidInputException;

/**
 * The one way to say "this message is bad": its content can never be processed, so no retry can
 * help (a body that is not the expected format, an image over the pixel limit, an app that answers
 * 422). The runtime moves the message to the poison queue on this attempt, whatever its dequeue
 * count, with this exception's message as the reason. It is found also as the cause of another
 * exception, unless that one is a retryable outage.
 *
 * <p>A failure of the machine (a full disk, a lost connection, a timeout) is never this: it is a
 * retryable {@link dev.edw.api.EdwException} and never counts toward poison. Any other exception a
 * processor throws fails the attempt and is retried up to {@code --max-dequeue}. A plain {@link
 * InvalidInputException} is such an other exception, because backends raise it for refused requests
 * that may be configuration (no credentials, a wrong password) rather than the message.
 *
 * <p>Unchecked, and an {@link InvalidInputException}: code that declares or catches it as before
 * still compiles.
 */
public class PoisonMessageException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public PoisonMessageException(String reason) {
    super(reason);
  }

  public PoisonMessageException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
