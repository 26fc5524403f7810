package dev.edw.api;

/**
 * A request the backend will never accept: a malformed URI, a key with forbidden characters, a
 * message over the size limit. Not retryable; the message says what to change.
 */
public class InvalidInputException extends EdwException {
  public InvalidInputException(String message) {
    super(message, false);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
