package dev.edw.scaling.engine;

import dev.edw.scaling.spec.ScaledObjectSpec;
import dev.edw.scaling.spec.ScalingModifiersSpec;
import dev.edw.scaling.spec.TriggerSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KEDA's polling loop and the HPA for one ScaledObject. Not thread-safe.
 *
 * <p>The loop follows {@code pkg/scaling/executor/scale_scaledobjects.go} {@code RequestScale},
 * {@code scaleFromZeroOrIdle} and {@code scaleToZeroOrIdle}; activity and errors come from {@code
 * pkg/scaling/scale_handler.go} {@code getScaledObjectState} / {@code getScalerState}.
 */
final class ScaledObjectEngine {
  private final ScaledObjectSpec spec;
  private final TriggerReader reader;
  private final Hpa hpa;
  private final Optional<Formula> formula;
  private final long createdMs = 0;
  private Long lastActiveMs;

  ScaledObjectEngine(ScaledObjectSpec spec) {
    this.spec = spec;
    this.formula = spec.scalingModifiers().map(m -> new Formula(m.formula()));
    this.reader =
        new TriggerReader(
            spec.triggers(),
            spec.fallback(),
            spec.scalingModifiers().map(ScalingModifiersSpec::target));
    this.hpa =
        new Hpa(
            spec.hpaMinReplicas(),
            spec.maxReplicaCount(),
            HpaBehavior.of(spec.behavior(), spec.annotations()));
    Annotations.pausedReplicas(spec.annotations()); // fail fast on a bad value
  }

  /** Whether the HPA exists: KEDA removes it while the object is paused. */
  boolean hpaRuns() {
    return !Annotations.paused(spec.annotations());
  }

  private record State(boolean active, boolean error, double metric, String why) {}

  // scale_handler.go getScaledObjectState: active if any trigger is active (a fallback counts as
  // active); under scalingModifiers, active is composite > activationTarget, and never on error.
  private State state(List<TriggerReader.Read> reads) {
    boolean error = reads.stream().anyMatch(TriggerReader.Read::failed);
    if (spec.scalingModifiers().isPresent()) {
      ScalingModifiersSpec m = spec.scalingModifiers().get();
      double activation = m.activationTarget().orElse(0.0);
      Composite c = composite(reads);
      if (c.failed) {
        return new State(false, true, 0, c.why);
      }
      boolean active = !error && c.value > activation;
      return new State(
          active,
          error,
          c.value,
          c.why + (active ? " > " : " <= ") + "activationTarget " + Num.fmt(activation));
    }
    boolean active = false;
    double shown = 0;
    List<String> parts = new ArrayList<>();
    for (TriggerReader.Read r : reads) {
      if (r.failed()) {
        parts.add(r.trigger() + " " + r.note());
        continue;
      }
      double act = reader.targets(r.trigger()).activation();
      active |= r.active();
      shown = Math.max(shown, r.value());
      parts.add(
          (reads.size() > 1 ? r.trigger() + " " : "")
              + Num.fmt(r.value())
              + (r.fallback()
                  ? " (" + r.note() + ")"
                  : (r.active() ? " > " : " <= ") + "activation " + Num.fmt(act)));
    }
    return new State(active, error, shown, String.join("; ", parts));
  }

  private record Composite(double value, boolean failed, String why) {}

  // formula.go HandleScalingModifiers: a fallback replaces the composite; otherwise the formula.
  private Composite composite(List<TriggerReader.Read> reads) {
    for (TriggerReader.Read r : reads) {
      if (r.fallback()) {
        return new Composite(
            r.value(), false, "composite " + Num.fmt(r.value()) + " (" + r.note() + ")");
      }
    }
    if (reads.stream().anyMatch(TriggerReader.Read::failed)) {
      return new Composite(0, true, "composite failed: a trigger errored");
    }
    Map<String, Double> values = new HashMap<>();
    for (TriggerReader.Read r : reads) {
      values.put(r.trigger(), r.value());
    }
    try {
      double v = formula.orElseThrow().evaluate(values);
      return new Composite(v, false, formula.get().source() + "=" + Num.fmt(v));
    } catch (IllegalArgumentException e) {
      return new Composite(0, true, e.getMessage());
    }
  }

  Evaluation keda(long nowMs, Observation obs) {
    long t = nowMs / 1000;
    int current = obs.currentReplicas();
    Map<String, String> ann = spec.annotations();
    Optional<Integer> paused = Annotations.pausedReplicas(ann);
    if (paused.isPresent()) {
      return new Evaluation(
          t,
          Evaluation.KEDA,
          0,
          false,
          current,
          paused.get(),
          "keda: paused at " + paused.get() + " replicas by " + Annotations.PAUSED_REPLICAS);
    }
    if (Annotations.bool(ann, Annotations.PAUSED)) {
      return new Evaluation(
          t,
          Evaluation.KEDA,
          0,
          false,
          current,
          current,
          "keda: paused by " + Annotations.PAUSED + ", no change");
    }
    State s = state(reader.poll(obs));
    boolean force = Annotations.bool(ann, Annotations.FORCE_ACTIVATION);
    int min = spec.minReplicaCount();
    Optional<Integer> idle = spec.idleReplicaCount();
    String head = "keda: " + s.why;
    if (s.active || force) {
      if ((idle.isPresent() && current < min) || current == 0) {
        if (Annotations.bool(ann, Annotations.PAUSED_SCALE_OUT)) {
          return eval(t, s, current, current, head + ", active but scale-out paused");
        }
        int to = min > 0 ? min : 1;
        lastActiveMs = nowMs;
        return eval(
            t, s, current, to, head + ", active: scale from " + current + " to max(min,1)=" + to);
      }
      if (s.error) {
        return eval(
            t,
            s,
            current,
            current,
            head + ", active with a failing trigger, no change (lastActive kept)");
      }
      lastActiveMs = nowMs;
      return eval(t, s, current, current, head + ", active, HPA scales");
    }
    if (s.error && spec.fallback().isPresent() && spec.fallback().get().replicas() != 0) {
      return eval(
          t,
          s,
          current,
          current,
          head + ", trigger error with fallback.replicas set: no scale to zero");
    }
    if (s.error && spec.fallback().isEmpty()) {
      return eval(t, s, current, current, head + ", trigger error, no change");
    }
    if ((idle.isPresent() && current > idle.get()) || (current > 0 && min == 0)) {
      return toZeroOrIdle(nowMs, s, current, head);
    }
    if (idle.isEmpty() && current < min) {
      return eval(t, s, current, min, head + ", inactive below min: scale to min " + min);
    }
    return eval(t, s, current, current, head + ", inactive, no change");
  }

  // scale_scaledobjects.go scaleToZeroOrIdle: strictly after lastActive + cooldownPeriod, or, never
  // active, after creation + initialCooldownPeriod (time.Before).
  private Evaluation toZeroOrIdle(long nowMs, State s, int current, String head) {
    long t = nowMs / 1000;
    if (Annotations.bool(spec.annotations(), Annotations.PAUSED_SCALE_IN)) {
      return eval(t, s, current, current, head + ", inactive but scale-in paused");
    }
    long since;
    long period;
    String clock;
    if (lastActiveMs == null) {
      since = createdMs;
      period = spec.initialCooldownPeriod() * 1000L;
      clock = "creation 0 + initialCooldownPeriod " + spec.initialCooldownPeriod();
    } else {
      since = lastActiveMs;
      period = spec.cooldownPeriod() * 1000L;
      clock = "lastActive " + lastActiveMs / 1000 + " + cooldownPeriod " + spec.cooldownPeriod();
    }
    int to = spec.idleReplicaCount().orElse(spec.minReplicaCount());
    String target = spec.idleReplicaCount().isPresent() ? "idleReplicaCount " + to : "" + to;
    if (since + period < nowMs) {
      return eval(
          t, s, current, to, head + ", inactive: " + clock + " < " + t + ", scale to " + target);
    }
    return eval(
        t, s, current, current, head + ", inactive, cooling down until " + clock + " has passed");
  }

  private static Evaluation eval(long t, State s, int current, int desired, String reason) {
    return new Evaluation(t, Evaluation.KEDA, s.metric, s.active, current, desired, reason);
  }

  Evaluation hpa(long nowMs, Observation obs) {
    if (!hpa.readsMetrics(obs.currentReplicas())) {
      Hpa.Decision d = hpa.sync(nowMs, obs.currentReplicas(), obs.readyReplicas(), List.of());
      return new Evaluation(
          nowMs / 1000, Evaluation.HPA, 0, false, obs.currentReplicas(), d.desired(), d.reason());
    }
    List<TriggerReader.Read> reads = reader.forHpa(obs);
    List<HpaMetric> metrics = new ArrayList<>();
    boolean active;
    if (spec.scalingModifiers().isPresent()) {
      ScalingModifiersSpec m = spec.scalingModifiers().get();
      Composite c = composite(reads);
      boolean avg = !TriggerSpec.VALUE.equals(m.metricType());
      metrics.add(new HpaMetric("composite", c.value, c.failed, avg, m.target()));
      active = !c.failed && c.value > m.activationTarget().orElse(0.0);
    } else {
      active = false;
      for (TriggerReader.Read r : reads) {
        TriggerSpec t =
            spec.triggers().stream()
                .filter(x -> x.name().equals(r.trigger()))
                .findFirst()
                .orElseThrow();
        metrics.add(
            new HpaMetric(
                r.trigger(),
                r.failed() ? 0 : r.value(),
                r.failed(),
                !TriggerSpec.VALUE.equals(t.metricType()),
                reader.targets(r.trigger()).target()));
        active |= r.active();
      }
    }
    Hpa.Decision d = hpa.sync(nowMs, obs.currentReplicas(), obs.readyReplicas(), metrics);
    return new Evaluation(
        nowMs / 1000,
        Evaluation.HPA,
        d.metric(),
        active,
        obs.currentReplicas(),
        d.desired(),
        d.reason());
  }
}
