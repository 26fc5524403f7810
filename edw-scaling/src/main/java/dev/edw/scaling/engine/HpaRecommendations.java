package dev.edw.scaling.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The HPA's memory of unstabilized recommendations, and the stabilization rules over it. All in
 * {@code pkg/controller/podautoscaler/horizontal.go}: {@code recordInitialRecommendation} (the
 * first sync seeds the memory with the current replicas), {@code stabilizeRecommendation} (no
 * behavior) and {@code stabilizeRecommendationWithBehaviors}. Both reuse the slot of a record that
 * fell out of every window instead of growing the list. Not thread-safe.
 */
final class HpaRecommendations {
  private record Rec(long atMs, int replicas) {}

  private final List<Rec> recs = new ArrayList<>();
  private boolean initialized;

  /**
   * {@code recordInitialRecommendation}: the first sync of an HPA records its current (spec)
   * replicas before anything else, whether or not it then reads metrics. Under a scale-up
   * stabilization window that record holds the first scale-up back for a whole window.
   */
  void recordInitial(long nowMs, int current) {
    if (!initialized) {
      recs.add(new Rec(nowMs, current));
      initialized = true;
    }
  }

  /**
   * {@code stabilizeRecommendation}: the max of {@code proposal} and every record not {@code
   * Before} the cutoff (one exactly {@code windowSeconds} old is kept); records the proposal.
   */
  int maxOverWindow(long nowMs, int proposal, int windowSeconds) {
    long cutoff = nowMs - windowSeconds * 1000L;
    int max = proposal;
    int old = -1;
    for (int i = 0; i < recs.size(); i++) {
      Rec r = recs.get(i);
      if (r.atMs < cutoff) {
        old = i;
      } else if (r.replicas > max) {
        max = r.replicas;
      }
    }
    record(old, nowMs, proposal);
    return max;
  }

  /**
   * {@code stabilizeRecommendationWithBehaviors}: the min over the up window and the max over the
   * down window, each of records strictly {@code After} its cutoff (one exactly a window old
   * drops); the result is {@code current} brought within [up, down]. Records the proposal.
   */
  int withinWindows(long nowMs, int current, int proposal, int upSeconds, int downSeconds) {
    long upCutoff = nowMs - upSeconds * 1000L;
    long downCutoff = nowMs - downSeconds * 1000L;
    int up = proposal;
    int down = proposal;
    int old = -1;
    for (int i = 0; i < recs.size(); i++) {
      Rec r = recs.get(i);
      if (r.atMs > upCutoff) {
        up = Math.min(up, r.replicas);
      }
      if (r.atMs > downCutoff) {
        down = Math.max(down, r.replicas);
      }
      if (r.atMs < upCutoff && r.atMs < downCutoff) {
        old = i;
      }
    }
    record(old, nowMs, proposal);
    return Math.min(Math.max(current, up), down);
  }

  private void record(int oldIndex, long nowMs, int proposal) {
    if (oldIndex >= 0) {
      recs.set(oldIndex, new Rec(nowMs, proposal));
    } else {
      recs.add(new Rec(nowMs, proposal));
    }
  }
}
