package dev.edw.up.cluster;

import java.util.List;

/**
 * The cluster at one instant.
 *
 * @param current pods of the deployment that are not terminating (the HPA's status replicas)
 * @param ready pods whose replica is running and ready
 * @param pending pods not yet running (waiting for a node or starting)
 * @param terminating pods draining after SIGTERM
 * @param runningJobs jobs created and not finished (pending ones included, as KEDA counts them)
 * @param pendingJobs jobs not yet running
 * @param nodes nodes, ready or provisioning
 * @param readyNodes nodes that are ready
 * @param finishedJobs jobs whose replica exited
 */
public record ClusterView(
    int current,
    int ready,
    int pending,
    int terminating,
    int runningJobs,
    int pendingJobs,
    int nodes,
    int readyNodes,
    long finishedJobs,
    List<PodView> pods) {
  public ClusterView {
    pods = List.copyOf(pods);
  }

  public static final ClusterView EMPTY = new ClusterView(0, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
}
