package dev.edw.api.processor;

/**
 * Thrown by a {@link Processor} for a message that no retry can fix: the runtime moves it to the
 * poison queue at once, whatever its dequeue count, with this exception's message as the reason.
 */
public class PoisonMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  public PoisonMessageException(String reason) {
    super(reason);
  }

  public PoisonMessageException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
