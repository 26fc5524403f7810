package dev.edw.api;

/** A queue, table, container or blob that does not exist. Not retryable. */
public class ResourceNotFoundException extends EdwException {
  public ResourceNotFoundException(String message) {
    super(message, false);
  }
}
