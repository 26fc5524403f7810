package dev.edw.up.replica;

/**
 * What a replica reported.
 *
 * @param completed messages written and acknowledged since it started
 * @param p50 median end-to-end latency in seconds over its recent window, NaN when none
 * @param p99 99th percentile end-to-end latency in seconds, NaN when none
 */
public record ReplicaStats(long completed, double p50, double p99) {
  public static final ReplicaStats NONE = new ReplicaStats(0, Double.NaN, Double.NaN);
}
