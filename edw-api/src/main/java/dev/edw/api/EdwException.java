package dev.edw.api;

/**
 * Base of every exception a backend raises. {@link #retryable()} tells the runtime whether the same
 * call may succeed later (throttling, an outage, a timeout) or will fail again (a bad request, a
 * missing resource).
 */
public class EdwException extends RuntimeException {
  private final boolean retryable;

  public EdwException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  public EdwException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether the failed call may succeed when tried again later. */
  public boolean retryable() {
    return retryable;
  }
}
