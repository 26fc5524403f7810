package dev.edw.scaling.check;

import dev.edw.scaling.engine.Autoscaler;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.engine.HpaBehavior;
import dev.edw.scaling.scalers.TriggerTargets;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.PolicySpec;
import dev.edw.scaling.spec.ScaledObjectSpec;
import dev.edw.scaling.spec.TriggerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settings that strand messages, flap, cannot keep up or react slowly to a burst. Pure functions of
 * the spec (and, for capacity, the expected load), so a renderer can call them before deploy.
 */
public final class ScalingChecks {
  /** A burst that takes longer than this to reach max replicas is "slow". */
  public static final int DEFAULT_SLOW_BURST_SECONDS = 120;

  /** Scale direction reversals within this window count as flapping in a timeline. */
  public static final int DEFAULT_FLAP_WINDOW_SECONDS = 300;

  /** This many reversals in the window is flapping. */
  public static final int DEFAULT_FLAP_REVERSALS = 3;

  private ScalingChecks() {}

  /** The findings that need only the spec: strands, flaps, slow-burst. */
  public static List<Finding> check(KedaObject spec) {
    List<Finding> out = new ArrayList<>();
    strands(spec).ifPresent(out::add);
    if (spec instanceof ScaledObjectSpec so) {
      flaps(so).ifPresent(out::add);
      slowBurst(so).ifPresent(out::add);
    }
    return out;
  }

  /** {@link #check(KedaObject)} plus cannot-keep-up for this load. */
  public static List<Finding> check(
      KedaObject spec, double peakArrivalPerSecond, double serviceRatePerReplica) {
    List<Finding> out = new ArrayList<>(check(spec));
    cannotKeepUp(spec, peakArrivalPerSecond, serviceRatePerReplica).ifPresent(out::add);
    return out;
  }

  /**
   * With min 0, a backlog at or below the activation threshold never wakes a replica: up to {@code
   * activation} messages wait for ever (the seed: activationQueueLength 20 strands 20).
   */
  public static Optional<Finding> strands(KedaObject spec) {
    if (spec.minReplicaCount() > 0) {
      return Optional.empty();
    }
    double strand = Double.MAX_VALUE;
    String which = "";
    if (spec instanceof ScaledObjectSpec so && so.scalingModifiers().isPresent()) {
      strand = so.scalingModifiers().get().activationTarget().orElse(0.0);
      which = "scalingModifiers.activationTarget";
    } else {
      for (TriggerSpec t : spec.triggers()) {
        double a = TriggerTargets.of(t).activation();
        if (a < strand) {
          strand = a;
          which = "trigger " + t.name() + " activation";
        }
      }
    }
    if (strand <= 0) {
      return Optional.empty();
    }
    double target = TriggerTargets.of(spec.triggers().get(0)).target();
    String above = strand > target ? " (above the target " + fmt(target) + ")" : "";
    return Optional.of(
        new Finding(
            Finding.STRANDS,
            "with minReplicaCount 0 and "
                + which
                + " "
                + fmt(strand)
                + above
                + ", up to "
                + fmt(Math.floor(strand))
                + " messages stay on the queue for ever: activation is value > "
                + fmt(strand)
                + ". Set the activation to 0 or minReplicaCount to 1."));
  }

  /**
   * Flapping settings: a cooldownPeriod shorter than the pollingInterval with min 0 (a backlog
   * hovering at the activation threshold scales 0 to 1 and back every poll), or an HPA behavior
   * with a scale-down window under one sync period and no tolerance.
   */
  public static Optional<Finding> flaps(ScaledObjectSpec so) {
    List<String> why = new ArrayList<>();
    if (so.minReplicaCount() == 0 && so.cooldownPeriod() < so.pollingInterval()) {
      why.add(
          "cooldownPeriod "
              + so.cooldownPeriod()
              + " < pollingInterval "
              + so.pollingInterval()
              + ": the first inactive poll scales to 0, so a backlog hovering at the activation"
              + " threshold scales 0 -> 1 -> 0 every poll; use cooldownPeriod >= 2 x"
              + " pollingInterval");
    }
    Optional<HpaBehavior> b = HpaBehavior.of(so.behavior(), so.annotations());
    if (b.isPresent()
        && b.get().down().windowSeconds() < Autoscaler.HPA_SYNC_PERIOD_SECONDS
        && b.get().down().tolerance() == 0) {
      why.add(
          "scaleDown stabilizationWindowSeconds "
              + b.get().down().windowSeconds()
              + " with tolerance 0: every wiggle of the metric changes replicas");
    }
    if (why.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Finding(Finding.FLAPS, String.join("; ", why)));
  }

  /**
   * The capacity at max replicas is below the arrival rate: the backlog grows for ever.
   *
   * @param serviceRatePerReplica messages per second one replica (or job) finishes
   */
  public static Optional<Finding> cannotKeepUp(
      KedaObject spec, double peakArrivalPerSecond, double serviceRatePerReplica) {
    double capacity = spec.maxReplicaCount() * serviceRatePerReplica;
    if (capacity >= peakArrivalPerSecond) {
      return Optional.empty();
    }
    int need = (int) Math.ceil(peakArrivalPerSecond / serviceRatePerReplica);
    return Optional.of(
        new Finding(
            Finding.CANNOT_KEEP_UP,
            "maxReplicaCount "
                + spec.maxReplicaCount()
                + " x "
                + fmt(serviceRatePerReplica)
                + " msg/s = "
                + fmt(capacity)
                + " msg/s < arrival "
                + fmt(peakArrivalPerSecond)
                + " msg/s: the backlog grows without bound; raise maxReplicaCount to at least "
                + need));
  }

  /**
   * The worst-case time from a burst at 0 replicas to max replicas: up to one pollingInterval
   * before KEDA sees it, then HPA syncs every 15 s, each limited by the scale-up rule in force.
   */
  public static int secondsToMax(ScaledObjectSpec so) {
    Optional<HpaBehavior> b = HpaBehavior.of(so.behavior(), so.annotations());
    int replicas = Math.max(so.minReplicaCount(), 1);
    int seconds = so.pollingInterval();
    int window = b.map(x -> x.up().windowSeconds()).orElse(0);
    if (b.isPresent() && b.get().up().disabled()) {
      return replicas >= so.maxReplicaCount() ? seconds : Integer.MAX_VALUE;
    }
    seconds += window;
    for (int i = 0; i < 1000 && replicas < so.maxReplicaCount(); i++) {
      int next;
      if (b.isEmpty()) {
        next = Math.max(2 * replicas, 4);
      } else {
        boolean min = "Min".equals(b.get().up().selectPolicy());
        next = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (PolicySpec p : b.get().up().policies()) {
          // a policy's budget refills once per period; per sync it allows this much
          double perSync =
              Math.min(1.0, (double) Autoscaler.HPA_SYNC_PERIOD_SECONDS / p.periodSeconds());
          int step =
              PolicySpec.PODS.equals(p.type())
                  ? (int) Math.max(1, Math.floor(p.value() * perSync))
                  : (int) Math.max(1, Math.ceil(replicas * p.value() / 100.0 * perSync));
          next = min ? Math.min(next, replicas + step) : Math.max(next, replicas + step);
        }
      }
      replicas = Math.min(next, so.maxReplicaCount());
      seconds += Autoscaler.HPA_SYNC_PERIOD_SECONDS;
    }
    return seconds;
  }

  /** Reaching max from 0 on a burst takes longer than {@link #DEFAULT_SLOW_BURST_SECONDS}. */
  public static Optional<Finding> slowBurst(ScaledObjectSpec so) {
    int s = secondsToMax(so);
    if (s <= DEFAULT_SLOW_BURST_SECONDS) {
      return Optional.empty();
    }
    String when = s == Integer.MAX_VALUE ? "never (scale-up disabled)" : "up to " + s + " s";
    return Optional.of(
        new Finding(
            Finding.SLOW_BURST,
            "a burst at 0 replicas reaches maxReplicaCount "
                + so.maxReplicaCount()
                + " "
                + when
                + " after it starts (pollingInterval "
                + so.pollingInterval()
                + " s, then HPA syncs every 15 s); lower pollingInterval or allow faster"
                + " scale-up"));
  }

  /**
   * Flapping seen in a timeline: {@link #DEFAULT_FLAP_REVERSALS} or more changes of scale direction
   * within {@link #DEFAULT_FLAP_WINDOW_SECONDS}.
   */
  public static Optional<Finding> flapping(List<Evaluation> timeline) {
    List<long[]> reversals = new ArrayList<>();
    int lastDir = 0;
    for (Evaluation e : timeline) {
      int dir = Integer.signum(e.desired() - e.current());
      if (dir == 0) {
        continue;
      }
      if (lastDir != 0 && dir != lastDir) {
        reversals.add(new long[] {e.t()});
      }
      lastDir = dir;
    }
    for (int i = 0; i + DEFAULT_FLAP_REVERSALS - 1 < reversals.size(); i++) {
      long first = reversals.get(i)[0];
      long last = reversals.get(i + DEFAULT_FLAP_REVERSALS - 1)[0];
      if (last - first <= DEFAULT_FLAP_WINDOW_SECONDS) {
        return Optional.of(
            new Finding(
                Finding.FLAPS,
                "replicas changed direction "
                    + reversals.size()
                    + " times, "
                    + DEFAULT_FLAP_REVERSALS
                    + " of them between t="
                    + first
                    + " and t="
                    + last));
      }
    }
    return Optional.empty();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
