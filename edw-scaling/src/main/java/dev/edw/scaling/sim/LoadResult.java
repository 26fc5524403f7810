package dev.edw.scaling.sim;

import dev.edw.scaling.check.Finding;
import dev.edw.scaling.engine.Evaluation;
import java.util.List;

/**
 * A load simulation's prediction.
 *
 * @param evaluations every scaling decision (the timeline)
 * @param series one sample per second
 * @param findings settings that strand, flap, cannot keep up or react slowly
 */
public record LoadResult(
    List<Evaluation> evaluations, List<Sample> series, Summary summary, List<Finding> findings) {

  /**
   * The state at second {@code t}.
   *
   * @param backlog messages on the queue, visible plus in flight
   * @param desired replicas KEDA/the HPA asked for (for a ScaledJob: jobs alive)
   * @param ready replicas (or jobs) serving
   * @param throughput messages finished in the last second
   */
  public record Sample(
      long t,
      double arrivalRate,
      double backlog,
      int desired,
      int ready,
      int nodes,
      double throughput) {}

  /**
   * @param drainSeconds from the backlog's peak to the next time it is empty; -1 if it never drains
   *     within the run
   * @param worstLatencySeconds the longest a message waited from arrival to done, counting messages
   *     still waiting at the end
   * @param replicaSeconds pod-seconds paid for (ready or not): the cost
   */
  public record Summary(
      int maxReplicas,
      int maxNodes,
      double maxBacklog,
      long maxBacklogAt,
      long drainSeconds,
      double worstLatencySeconds,
      double replicaSeconds,
      double nodeSeconds,
      double arrived,
      double processed,
      double leftOnQueue) {}
}
