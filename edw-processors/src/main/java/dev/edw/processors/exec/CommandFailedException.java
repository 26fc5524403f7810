package dev.edw.processors.exec;

/** The user's command failed one message: its reason becomes the attempt's reason. */
public final class CommandFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public CommandFailedException(String reason) {
    super(reason);
  }
}
