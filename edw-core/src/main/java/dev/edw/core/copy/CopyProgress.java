package dev.edw.core.copy;

/**
 * Told how far a copy has got, after every batch the target accepted. Called from the copying
 * thread only.
 */
@FunctionalInterface
public interface CopyProgress {
  CopyProgress NONE = copied -> {};

  /** {@code copied} messages or rows have reached the target so far. */
  void copied(long copied);
}
