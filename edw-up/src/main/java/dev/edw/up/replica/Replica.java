package dev.edw.up.replica;

/**
 * One running consumer replica (an {@code edw consume} or {@code edw job} process, or a worker in
 * this JVM). Methods are called from the orchestrator's loop thread only.
 */
public interface Replica {
  String name();

  /** Whether it still runs. */
  boolean alive();

  /** Whether it consumes (its {@code /readyz} answers 200). */
  boolean ready();

  /** Asks it to drain and exit, as Kubernetes does with SIGTERM. */
  void terminate();

  /** Stops it at once, as a crashed or evicted pod. */
  void kill();

  /** Re-reads its readiness and counters; called once per loop tick. */
  void refresh();

  /** The last counters read; for an exited replica, the last read before it exited. */
  ReplicaStats stats();
}
