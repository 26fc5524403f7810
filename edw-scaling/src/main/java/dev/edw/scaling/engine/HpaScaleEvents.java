package dev.edw.scaling.engine;

import dev.edw.scaling.spec.PolicySpec;
import dev.edw.scaling.spec.RulesSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The HPA's scale events and the policy limits computed from them, for an HPA with a behavior. All
 * in {@code pkg/controller/podautoscaler/horizontal.go}: {@code storeScaleEvent} with {@code
 * markScaleEventsOutdated} and {@code getLongestPolicyPeriod}, {@code getReplicasChangePerPeriod},
 * {@code calculateScaleUpLimitWithScalingRules} and {@code calculateScaleDownLimitWithBehaviors}.
 * Not thread-safe.
 */
final class HpaScaleEvents {
  private static final class Event {
    long atMs;
    int change;
    boolean outdated;

    Event(long atMs, int change) {
      this.atMs = atMs;
      this.change = change;
    }
  }

  private final List<Event> up = new ArrayList<>();
  private final List<Event> down = new ArrayList<>();

  /**
   * {@code storeScaleEvent}: in the list of the scale's direction only, marks the events older
   * ({@code Before}) than that direction's longest policy period as outdated, then puts the new
   * event in the place of the last outdated one, or appends it. Outdated events that were not
   * replaced still count wherever a period reaches them: the scale-down limit also counts the
   * scale-up events within the scale-down periods.
   */
  void store(long nowMs, int current, int desired, HpaBehavior b) {
    boolean isUp = desired > current;
    List<Event> events = isUp ? up : down;
    HpaBehavior.Direction d = isUp ? b.up() : b.down();
    long cutoff = nowMs - longestPeriodSeconds(d) * 1000L;
    int old = -1;
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e.atMs < cutoff) {
        e.outdated = true;
      }
      if (e.outdated) {
        old = i;
      }
    }
    Event fresh = new Event(nowMs, Math.abs(desired - current));
    if (old >= 0) {
      events.set(old, fresh);
    } else {
      events.add(fresh);
    }
  }

  private static int longestPeriodSeconds(HpaBehavior.Direction d) {
    int m = 0;
    for (PolicySpec p : d.policies()) {
      m = Math.max(m, p.periodSeconds());
    }
    return m;
  }

  /** {@code getReplicasChangePerPeriod}: the changes strictly {@code After} now - period. */
  private static int changeInPeriod(long nowMs, int periodSeconds, List<Event> events) {
    long cutoff = nowMs - periodSeconds * 1000L;
    int sum = 0;
    for (Event e : events) {
      if (e.atMs > cutoff) {
        sum += e.change;
      }
    }
    return sum;
  }

  /** The replicas at the start of the policy's period: current - added + deleted within it. */
  private int periodStart(long nowMs, int current, PolicySpec p) {
    return current
        - changeInPeriod(nowMs, p.periodSeconds(), up)
        + changeInPeriod(nowMs, p.periodSeconds(), down);
  }

  /** {@code calculateScaleUpLimitWithScalingRules}: Pods adds, Percent multiplies (ceil). */
  int scaleUpLimit(long nowMs, int current, HpaBehavior.Direction d) {
    return limit(nowMs, current, d, true);
  }

  /** {@code calculateScaleDownLimitWithBehaviors}: Pods removes, Percent multiplies (truncated). */
  int scaleDownLimit(long nowMs, int current, HpaBehavior.Direction d) {
    return limit(nowMs, current, d, false);
  }

  /**
   * The policies' limit from each one's period start; selectPolicy Max takes the largest change
   * (the highest limit up, the lowest down), Min the smallest, Disabled none (current).
   */
  private int limit(long nowMs, int current, HpaBehavior.Direction d, boolean up) {
    if (d.disabled()) {
      return current;
    }
    boolean highest = RulesSpec.MIN.equals(d.selectPolicy()) != up;
    int result = highest ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    for (PolicySpec p : d.policies()) {
      int start = periodStart(nowMs, current, p);
      boolean pods = PolicySpec.PODS.equals(p.type());
      int proposed;
      if (up) {
        proposed = pods ? start + p.value() : (int) Math.ceil(start * (1 + p.value() / 100.0));
      } else {
        proposed = pods ? start - p.value() : (int) (start * (1 - p.value() / 100.0));
      }
      result = highest ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return result;
  }
}
