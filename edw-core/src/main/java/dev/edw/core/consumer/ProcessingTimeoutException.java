package dev.edw.core.consumer;

/** An attempt ran past {@code --processing-timeout}: it fails, and counts toward poison. */
public final class ProcessingTimeoutException extends RuntimeException {
  public ProcessingTimeoutException(String message) {
    super(message);
  }
}
