package dev.edw.core.producer;

import dev.edw.api.EdwException;

/**
 * A produce run stopped part way. {@link #sent()} messages were confirmed by the queue; the batches
 * that were in flight when it stopped may have been accepted in part, but every message carries its
 * stable key, so a later resend of them overwrites their rows instead of adding rows. Retryable
 * when its cause is (exit 4 on the command line).
 */
public final class ProduceFailedException extends EdwException {
  private final long sent;

  public ProduceFailedException(long sent, long requested, long inDoubt, Throwable cause) {
    super(
        text(sent, requested, inDoubt, cause),
        cause instanceof EdwException e && e.retryable(),
        cause);
    this.sent = sent;
  }

  /** Messages the queue confirmed before the run stopped. */
  public long sent() {
    return sent;
  }

  private static String text(long sent, long requested, long inDoubt, Throwable cause) {
    return "stopped after "
        + sent
        + (requested > 0 ? " of " + requested : "")
        + " message(s) were sent"
        + (inDoubt > 0
            ? " (" + inDoubt + " more were being sent and may have reached the queue in part)"
            : "")
        + ": "
        + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
  }
}
