package dev.edw.up.replica;

/** Starts replicas: OS processes by default, threads as an option. */
public interface ReplicaLauncher extends AutoCloseable {
  /**
   * @param name the pod's name, for logs
   * @param job whether to start an {@code edw job} (a ScaledJob's Job) rather than a long-running
   *     {@code edw consume}
   */
  Replica launch(String name, boolean job);

  @Override
  default void close() {}
}
