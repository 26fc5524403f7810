package dev.edw.core.admin;

/** What the admin endpoint reads and changes in a running replica. Must be thread-safe. */
public interface ReplicaControl {
  ReplicaStatus status();

  /**
   * Sets how many messages are processed at once, without a restart.
   *
   * @throws IllegalArgumentException if {@code value} is below 1
   */
  void setConcurrency(int value);
}
