package dev.edw.up.cluster;

/** Where a pod is in its life, as {@code kubectl get pods} would show it. */
public enum PodPhase {
  /** Waiting for a node with room (the node model is on and none is ready). */
  PENDING,
  /** On a node, waiting out the pod start-up delay before its replica starts. */
  STARTING,
  /** Its replica runs. */
  RUNNING,
  /** SIGTERM sent; its replica drains and exits. */
  TERMINATING
}
