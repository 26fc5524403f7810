package dev.edw.scaling.engine;

import dev.edw.scaling.spec.PolicySpec;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes HPA's decision for one sync, with its memory (recommendations and scale events).
 * Not thread-safe; one instance per scaled object.
 *
 * <p>Sources, all in {@code pkg/controller/podautoscaler/}: {@code horizontal.go} {@code
 * reconcileAutoscaler} (records the first recommendation, disabled at 0, clamps outside min/max,
 * stores a scale event on a change), {@code computeReplicasForMetrics} (max over metrics; no
 * scale-down while a metric is invalid), {@code normalizeDesiredReplicas} / {@code
 * convertDesiredReplicasWithRules} / {@code calculateScaleUpLimit} (no behavior), {@code
 * normalizeDesiredReplicasWithBehaviors} / {@code convertDesiredReplicasWithBehaviorRate}
 * (behavior); the stabilization memory is {@link HpaRecommendations}, the policies' scale events
 * {@link HpaScaleEvents}. {@code replica_calculator.go} {@code GetExternalPerPodMetricReplicas}
 * (AverageValue), {@code GetExternalMetricReplicas} and {@code getUsageRatioReplicaCount} (Value),
 * with the tolerance test {@code Tolerances.isWithin}.
 */
final class Hpa {
  /** horizontal.go: scaleUpLimitFactor and scaleUpLimitMinimum. */
  static final double SCALE_UP_LIMIT_FACTOR = 2.0;

  static final int SCALE_UP_LIMIT_MINIMUM = 4;

  private final int minReplicas;
  private final int maxReplicas;
  private final Optional<HpaBehavior> behavior;
  private final HpaRecommendations recommendations = new HpaRecommendations();
  private final HpaScaleEvents events = new HpaScaleEvents();

  /** The outcome of one sync: {@code metric} is the deciding metric's value. */
  record Decision(int desired, double metric, String reason) {}

  Hpa(int minReplicas, int maxReplicas, Optional<HpaBehavior> behavior) {
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
    this.behavior = behavior;
  }

  /** Whether a sync at these replicas reads metrics (reconcileAutoscaler skips them otherwise). */
  boolean readsMetrics(int current) {
    return !(current == 0 && minReplicas != 0) && current <= maxReplicas && current >= minReplicas;
  }

  Decision sync(long nowMs, int current, int ready, List<HpaMetric> metrics) {
    recommendations.recordInitial(nowMs, current);
    double shown = metrics.isEmpty() ? 0 : metrics.get(0).value();
    if (current == 0 && minReplicas != 0) {
      return new Decision(0, shown, "hpa: scaling disabled at 0 replicas (KEDA owns 0<->1)");
    }
    if (current > maxReplicas) {
      return scaled(
          nowMs,
          current,
          maxReplicas,
          shown,
          "hpa: " + current + " above max, set to max " + maxReplicas);
    }
    if (current < minReplicas) {
      return scaled(
          nowMs,
          current,
          minReplicas,
          shown,
          "hpa: " + current + " below min, set to min " + minReplicas);
    }
    double upTol = behavior.map(b -> b.up().tolerance()).orElse(HpaBehavior.DEFAULT_TOLERANCE);
    double downTol = behavior.map(b -> b.down().tolerance()).orElse(HpaBehavior.DEFAULT_TOLERANCE);
    int proposal = -1;
    String why = "";
    int invalid = 0;
    for (HpaMetric m : metrics) {
      if (m.failed()) {
        invalid++;
        continue;
      }
      Proposal p = propose(m, current, ready, upTol, downTol);
      if (p.replicas > proposal) {
        proposal = p.replicas;
        why = p.why;
        shown = m.value();
      }
    }
    if (invalid >= metrics.size() || (invalid > 0 && proposal < current)) {
      return new Decision(
          current,
          shown,
          "hpa: "
              + invalid
              + " of "
              + metrics.size()
              + " metrics failed, no change (no scale-down while a metric is invalid)");
    }
    String prefix = metrics.size() > 1 ? "max over " + metrics.size() + " metrics: " : "";
    Step step =
        behavior.isPresent()
            ? withBehavior(nowMs, current, proposal, behavior.get())
            : classic(nowMs, current, proposal);
    String reason = "hpa: " + prefix + why + step.note;
    return scaled(nowMs, current, step.replicas, shown, reason);
  }

  private Decision scaled(long nowMs, int current, int desired, double metric, String reason) {
    if (desired != current && behavior.isPresent()) {
      events.store(nowMs, current, desired, behavior.get());
    }
    return new Decision(desired, metric, reason);
  }

  private record Proposal(int replicas, String why) {}

  private record Step(int replicas, String note) {}

  private static long milli(double v) {
    return (long) (v * 1000);
  }

  private static boolean within(double ratio, double upTol, double downTol) {
    return (1.0 - downTol) <= ratio && ratio <= (1.0 + upTol);
  }

  private static Proposal propose(
      HpaMetric m, int current, int ready, double upTol, double downTol) {
    long usage = milli(m.value());
    long target = milli(m.target());
    String u = Num.fmt(usage / 1000.0);
    String tg = Num.fmt(target / 1000.0);
    if (m.averageValue()) {
      double ratio = (double) usage / ((double) target * current);
      if (within(ratio, upTol, downTol)) {
        return new Proposal(
            current,
            u
                + "/("
                + tg
                + "x"
                + current
                + ")="
                + Num.fmt(ratio)
                + " within tolerance, keep "
                + current);
      }
      int r = (int) Math.ceil((double) usage / target);
      return new Proposal(r, "ceil(" + u + "/" + tg + ")=" + r);
    }
    double ratio = (double) usage / target;
    if (within(ratio, upTol, downTol)) {
      return new Proposal(
          current, u + "/" + tg + "=" + Num.fmt(ratio) + " within tolerance, keep " + current);
    }
    int r = (int) Math.ceil(ratio * ready);
    return new Proposal(r, "ceil(" + u + "/" + tg + "x" + ready + " ready)=" + r);
  }

  // horizontal.go normalizeDesiredReplicas: stabilizeRecommendation (the max over the 300 s
  // window), then convertDesiredReplicasWithRules.
  private Step classic(long nowMs, int current, int proposal) {
    int stabilized =
        recommendations.maxOverWindow(
            nowMs, proposal, HpaBehavior.DEFAULT_DOWNSCALE_WINDOW_SECONDS);
    String note = "";
    if (stabilized != proposal) {
      note = ", held at " + stabilized + " by the default 300s scale-down stabilization";
    }
    int limit = (int) Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
    if (stabilized < minReplicas) {
      return new Step(minReplicas, note + ", raised to min " + minReplicas);
    }
    if (maxReplicas > limit && stabilized > limit) {
      return new Step(
          limit,
          note
              + ", capped at max(2x"
              + current
              + ","
              + SCALE_UP_LIMIT_MINIMUM
              + ")="
              + limit
              + " by the default scale-up limit");
    }
    if (stabilized > maxReplicas) {
      return new Step(maxReplicas, note + ", capped at max " + maxReplicas);
    }
    return new Step(stabilized, note);
  }

  // horizontal.go normalizeDesiredReplicasWithBehaviors: stabilizeRecommendationWithBehaviors,
  // then convertDesiredReplicasWithBehaviorRate.
  private Step withBehavior(long nowMs, int current, int proposal, HpaBehavior b) {
    int stabilized =
        recommendations.withinWindows(
            nowMs, current, proposal, b.up().windowSeconds(), b.down().windowSeconds());
    String note = "";
    if (stabilized != proposal) {
      note =
          stabilized < proposal
              ? ", held at "
                  + stabilized
                  + " by the "
                  + b.up().windowSeconds()
                  + "s scale-up stabilization (min over window)"
              : ", held at "
                  + stabilized
                  + " by the "
                  + b.down().windowSeconds()
                  + "s scale-down stabilization (max over window)";
    }
    return rate(nowMs, current, stabilized, b, note);
  }

  // horizontal.go convertDesiredReplicasWithBehaviorRate.
  private Step rate(long nowMs, int current, int desired, HpaBehavior b, String note) {
    if (desired > current) {
      int limit = events.scaleUpLimit(nowMs, current, b.up());
      if (limit < current) {
        limit = current;
      }
      if (maxReplicas > limit) {
        if (desired > limit) {
          return new Step(limit, note + ", limited to " + limit + " by " + describe(b.up(), "up"));
        }
      } else if (desired > maxReplicas) {
        return new Step(maxReplicas, note + ", capped at max " + maxReplicas);
      }
    } else if (desired < current) {
      int limit = events.scaleDownLimit(nowMs, current, b.down());
      if (limit > current) {
        limit = current;
      }
      if (minReplicas < limit) {
        if (desired < limit) {
          return new Step(
              limit, note + ", limited to " + limit + " by " + describe(b.down(), "down"));
        }
      } else if (desired < minReplicas) {
        return new Step(minReplicas, note + ", raised to min " + minReplicas);
      }
    }
    return new Step(desired, note);
  }

  private static String describe(HpaBehavior.Direction d, String dir) {
    if (d.disabled()) {
      return "scale" + dir + " selectPolicy Disabled";
    }
    StringBuilder s = new StringBuilder("scale" + dir + " policies (" + d.selectPolicy() + " of");
    for (PolicySpec p : d.policies()) {
      s.append(' ')
          .append(p.value())
          .append(PolicySpec.PERCENT.equals(p.type()) ? "%" : " pods")
          .append("/")
          .append(p.periodSeconds())
          .append("s");
    }
    return s.append(')').toString();
  }
}
