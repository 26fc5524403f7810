package dev.edw.core.copy;

import dev.edw.api.EdwException;

/**
 * A copy stopped part way. Everything counted in {@link #report()} reached the target; for a queue,
 * every other message is still in the source, released for others to receive.
 */
public final class CopyFailedException extends EdwException {
  private final transient CopyReport report;

  public CopyFailedException(String message, CopyReport report, Throwable cause) {
    super(message, cause instanceof EdwException e && e.retryable(), cause);
    this.report = report;
  }

  /** What was copied before the failure. */
  public CopyReport report() {
    return report;
  }
}
