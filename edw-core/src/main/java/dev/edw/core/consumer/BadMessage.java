package dev.edw.core.consumer;

import dev.edw.api.EdwException;
import dev.edw.api.processor.PoisonMessageException;

/**
 * The one rule for a failed attempt: a failure that says the message itself is bad (a {@link
 * PoisonMessageException}, thrown or found among the causes) sends it to the poison queue at once;
 * an outage (a retryable {@link EdwException}) never does; anything else is an ordinary failed
 * attempt, retried up to {@code --max-dequeue}.
 */
final class BadMessage {
  private static final int MAX_DEPTH = 16;

  private BadMessage() {}

  /** Whether {@code failure} says that no retry of this message can succeed. */
  static boolean says(Throwable failure) {
    if (failure instanceof EdwException e && e.retryable()) {
      return false;
    }
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof PoisonMessageException) {
        return true;
      }
    }
    return false;
  }
}
