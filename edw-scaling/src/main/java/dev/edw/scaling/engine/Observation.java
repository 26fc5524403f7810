package dev.edw.scaling.engine;

import java.util.Map;
import java.util.Set;

/**
 * What the autoscaler sees at one instant.
 *
 * @param metrics each trigger's metric value, keyed by {@code TriggerSpec.name()} (the trigger's
 *     name, or its index "0", "1", ... when unnamed); a trigger missing here counts as failing
 * @param currentReplicas the scale target's replicas (spec and status)
 * @param readyReplicas ready pods, used by {@code Value} metrics
 * @param runningJobs a ScaledJob's running jobs
 * @param pendingJobs a ScaledJob's pending jobs (for the accurate and eager strategies)
 * @param failing triggers whose scaler returned an error this time
 */
public record Observation(
    Map<String, Double> metrics,
    int currentReplicas,
    int readyReplicas,
    int runningJobs,
    int pendingJobs,
    Set<String> failing) {
  public Observation {
    metrics = Map.copyOf(metrics);
    failing = Set.copyOf(failing);
  }

  /** A ScaledObject observation: every replica ready, no errors. */
  public static Observation of(Map<String, Double> metrics, int replicas) {
    return new Observation(metrics, replicas, replicas, 0, 0, Set.of());
  }

  /** A ScaledJob observation. */
  public static Observation ofJobs(Map<String, Double> metrics, int running, int pending) {
    return new Observation(metrics, 0, 0, running, pending, Set.of());
  }

  /** The same with these triggers failing. */
  public Observation withFailing(Set<String> triggers) {
    return new Observation(
        metrics, currentReplicas, readyReplicas, runningJobs, pendingJobs, triggers);
  }

  /** The same after a scale that took effect at once: every new replica counts as ready. */
  public Observation withReplicas(int replicas) {
    return new Observation(metrics, replicas, replicas, runningJobs, pendingJobs, failing);
  }

  /** Whether the trigger failed (listed as failing, or has no value). */
  public boolean failed(String trigger) {
    return failing.contains(trigger) || !metrics.containsKey(trigger);
  }
}
