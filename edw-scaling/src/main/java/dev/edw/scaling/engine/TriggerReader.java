package dev.edw.scaling.engine;

import dev.edw.scaling.scalers.TriggerTargets;
import dev.edw.scaling.spec.FallbackSpec;
import dev.edw.scaling.spec.TriggerSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads each trigger the way KEDA's scale handler does, with fallback and the metrics cache. Not
 * thread-safe.
 *
 * <ul>
 *   <li>Fallback ({@code pkg/fallback/fallback.go} {@code GetMetricsWithFallback}, {@code
 *       doFallback}): every read, by the polling loop or the HPA, that fails adds one failure; a
 *       good read resets them. When failures exceed {@code failureThreshold} (strictly) the read
 *       succeeds with {@code target x replicas}, replicas per behavior (static: fallback.replicas;
 *       currentReplicas; currentReplicasIfHigher: max; currentReplicasIfLower: min), divided by the
 *       ready replicas for a {@code Value} metric; the trigger then counts as active.
 *   <li>useCachedMetrics ({@code pkg/scaling/scale_handler.go} {@code GetScaledObjectMetrics}): the
 *       HPA is served the record the last poll stored, which fallback then sees again.
 * </ul>
 */
final class TriggerReader {
  /** One trigger's read: {@code value} is null when the read failed. */
  record Read(String trigger, Double value, boolean active, boolean fallback, String note) {
    boolean failed() {
      return value == null;
    }
  }

  private final List<TriggerSpec> triggers;
  private final Map<String, TriggerTargets> targets = new HashMap<>();
  private final Optional<FallbackSpec> fallback;
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Read> cache = new HashMap<>();

  private final Optional<Double> fallbackTarget;

  /**
   * @param fallbackTarget under scalingModifiers, the composite target the fallback value uses
   */
  TriggerReader(
      List<TriggerSpec> triggers,
      Optional<FallbackSpec> fallback,
      Optional<Double> fallbackTarget) {
    this.triggers = triggers;
    this.fallback = fallback;
    this.fallbackTarget = fallbackTarget;
    for (TriggerSpec t : triggers) {
      targets.put(t.name(), TriggerTargets.of(t));
    }
  }

  TriggerTargets targets(String trigger) {
    return targets.get(trigger);
  }

  List<TriggerSpec> triggers() {
    return triggers;
  }

  /** The polling loop's read of every trigger; stores cache records. */
  List<Read> poll(Observation obs) {
    List<Read> out = new java.util.ArrayList<>();
    for (TriggerSpec t : triggers) {
      Read r = read(t, raw(t, obs), obs);
      if (t.useCachedMetrics()) {
        cache.put(t.name(), r);
      }
      out.add(r);
    }
    return out;
  }

  /** The HPA's read of every trigger; cached triggers are served the last poll's record. */
  List<Read> forHpa(Observation obs) {
    List<Read> out = new java.util.ArrayList<>();
    for (TriggerSpec t : triggers) {
      Read cached = t.useCachedMetrics() ? cache.get(t.name()) : null;
      Read raw = cached != null ? withNote(cached, "cached") : raw(t, obs);
      out.add(read(t, raw, obs));
    }
    return out;
  }

  private static Read withNote(Read r, String note) {
    return new Read(r.trigger(), r.value(), r.active(), r.fallback(), note);
  }

  private Read raw(TriggerSpec t, Observation obs) {
    if (obs.failed(t.name())) {
      return new Read(t.name(), null, false, false, "error");
    }
    double v = obs.metrics().get(t.name());
    return new Read(t.name(), v, v > targets.get(t.name()).activation(), false, "");
  }

  private Read read(TriggerSpec t, Read raw, Observation obs) {
    if (fallback.isEmpty()) {
      return raw;
    }
    if (!raw.failed()) {
      failures.put(t.name(), 0);
      return raw;
    }
    int n = failures.merge(t.name(), 1, Integer::sum);
    FallbackSpec f = fallback.get();
    if (n <= f.failureThreshold()) {
      return new Read(
          t.name(), null, false, false, "error " + n + "/" + f.failureThreshold() + " failures");
    }
    int current = obs.currentReplicas();
    int replicas =
        switch (f.behavior()) {
          case FallbackSpec.CURRENT_REPLICAS -> current;
          case FallbackSpec.CURRENT_REPLICAS_IF_HIGHER -> Math.max(current, f.replicas());
          case FallbackSpec.CURRENT_REPLICAS_IF_LOWER -> Math.min(current, f.replicas());
          default -> f.replicas();
        };
    double target = fallbackTarget.orElse(targets.get(t.name()).target());
    double value;
    if (TriggerSpec.VALUE.equals(t.metricType())) {
      if (obs.readyReplicas() == 0) {
        return new Read(t.name(), null, false, false, "fallback impossible: 0 ready replicas");
      }
      value = target * replicas / obs.readyReplicas();
    } else {
      value = target * replicas;
    }
    return new Read(
        t.name(),
        value,
        true,
        true,
        "fallback after "
            + n
            + " failures > "
            + f.failureThreshold()
            + ": "
            + Num.fmt(target)
            + "x"
            + replicas
            + " ("
            + f.behavior()
            + ")");
  }

  /** Failures counted so far for this trigger. */
  int failures(String trigger) {
    return failures.getOrDefault(trigger, 0);
  }
}
