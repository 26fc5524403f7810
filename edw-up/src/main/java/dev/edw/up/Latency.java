package dev.edw.up;

import dev.edw.up.replica.ReplicaStats;
import java.util.List;

/**
 * End-to-end latency across replicas from each one's own quantiles: the median is the mean of the
 * replicas' medians, the 99th percentile the highest of theirs (an upper bound). Replicas keep
 * their quantiles over a sliding window of about two minutes.
 */
record Latency(double p50, double p99) {
  static Latency of(List<ReplicaStats> stats) {
    double sum = 0;
    int n = 0;
    double p99 = Double.NaN;
    for (ReplicaStats s : stats) {
      if (!Double.isNaN(s.p50()) && s.completed() > 0) {
        sum += s.p50();
        n++;
      }
      if (!Double.isNaN(s.p99()) && s.completed() > 0) {
        p99 = Double.isNaN(p99) ? s.p99() : Math.max(p99, s.p99());
      }
    }
    return new Latency(n == 0 ? Double.NaN : sum / n, p99);
  }
}
