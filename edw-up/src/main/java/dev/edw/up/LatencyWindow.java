package dev.edw.up;

import dev.edw.up.replica.LatencyHistogram;
import dev.edw.up.replica.ReplicaStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * End-to-end latency over all messages completed in a sliding window, from the replicas' latency
 * histograms, as {@code histogram_quantile(q, sum(increase(edw_end_to_end_seconds_bucket[w])))}
 * would give it: each tick, each replica's increase since its previous scrape (from zero for a new
 * replica, bucket by bucket with counter resets), summed over replicas; the quantiles over the sum
 * of the window's increases. A replica that exited is given once more with its final counts, then
 * forgotten. Not thread-safe.
 */
final class LatencyWindow {
  private record Step(Instant at, LatencyHistogram increase) {}

  private final Duration window;
  private final Map<String, LatencyHistogram> last = new HashMap<>();
  private final ArrayDeque<Step> steps = new ArrayDeque<>();

  LatencyWindow(Duration window) {
    this.window = window;
  }

  /**
   * Adds one tick's scrapes and returns the window's quantiles.
   *
   * @param replicas the latest stats of every replica seen this tick, the ones that exited since
   *     the last tick included (with their final counts); a replica absent here is forgotten
   */
  Latency add(Instant now, Map<String, ReplicaStats> replicas) {
    LatencyHistogram increase = LatencyHistogram.EMPTY;
    for (Map.Entry<String, ReplicaStats> e : replicas.entrySet()) {
      LatencyHistogram h = e.getValue().endToEnd();
      increase = increase.plus(h.since(last.getOrDefault(e.getKey(), LatencyHistogram.EMPTY)));
      last.put(e.getKey(), h);
    }
    last.keySet().retainAll(replicas.keySet());
    steps.addLast(new Step(now, increase));
    while (!steps.isEmpty() && !steps.peekFirst().at().isAfter(now.minus(window))) {
      steps.removeFirst();
    }
    LatencyHistogram sum = LatencyHistogram.EMPTY;
    for (Step s : steps) {
      sum = sum.plus(s.increase());
    }
    return new Latency(sum.quantile(0.5), sum.quantile(0.99));
  }
}
