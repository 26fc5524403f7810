package dev.edw.up.replica;

/**
 * What a replica reported.
 *
 * @param completed messages written and acknowledged since it started
 * @param endToEnd its end-to-end latency histogram since it started (cumulative), empty when none
 */
public record ReplicaStats(long completed, LatencyHistogram endToEnd) {
  public static final ReplicaStats NONE = new ReplicaStats(0, LatencyHistogram.EMPTY);
}
