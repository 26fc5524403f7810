package dev.edw.scaling.sim;

import dev.edw.scaling.load.LoadProfile;

/**
 * What a load simulation assumes.
 *
 * @param serviceRatePerReplica messages per second one ready replica (or job) finishes
 * @param podsPerNode pods that fit on a node; 0 = no node model (pods always fit)
 * @param nodeStartupSeconds from a node's request to ready (Karpenter / node autoprovisioning)
 * @param podStartupSeconds from a pod's creation (on a ready node) to ready
 * @param durationSeconds how long to simulate
 */
public record LoadOptions(
    LoadProfile profile,
    double serviceRatePerReplica,
    int podsPerNode,
    double nodeStartupSeconds,
    double podStartupSeconds,
    long durationSeconds) {
  public static final double DEFAULT_NODE_STARTUP_SECONDS = 60;
  public static final double DEFAULT_POD_STARTUP_SECONDS = 0;
  public static final long DEFAULT_DURATION_SECONDS = 600;

  /** The simulation step. */
  public static final double STEP_SECONDS = 0.1;

  public LoadOptions {
    if (!(serviceRatePerReplica > 0)) {
      throw new IllegalArgumentException("--service-rate must be > 0 messages/s per replica");
    }
    if (podsPerNode < 0 || nodeStartupSeconds < 0 || podStartupSeconds < 0) {
      throw new IllegalArgumentException(
          "--pods-per-node, --node-startup and --pod-startup must be >= 0");
    }
    if (durationSeconds <= 0) {
      throw new IllegalArgumentException("--duration must be > 0");
    }
  }
}
