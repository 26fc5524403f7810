package dev.edw.up;

import dev.edw.api.queue.QueueDepth;
import dev.edw.up.cluster.ClusterView;
import java.time.Instant;
import java.util.List;

/**
 * The decision engine as {@code edw up} drives it: the same code as {@code edw simulate}, fed the
 * real queue depth and the cluster's pods. Called from the orchestrator's loop thread only.
 */
public interface Autoscaling {
  /** Whether the spec is a ScaledJob (jobs are created) rather than a ScaledObject. */
  boolean scaledJob();

  /** When the next evaluation is due. */
  Instant nextDue();

  /**
   * Runs the evaluations due by {@code now} on the observed state.
   *
   * @return them in order; the last one's {@code desired} is what to apply
   */
  List<Decision> advance(Instant now, QueueDepth depth, ClusterView cluster);
}
