package dev.edw.api;

/**
 * The backend could not be reached or refused the call for now: connection refused, timeouts,
 * throttling (HTTP 429/503, ServerBusy), a locked database. Retryable.
 */
public class BackendUnavailableException extends EdwException {
  public BackendUnavailableException(String message, Throwable cause) {
    super(message, true, cause);
  }
}
