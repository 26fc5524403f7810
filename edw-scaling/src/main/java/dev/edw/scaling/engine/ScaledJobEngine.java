package dev.edw.scaling.engine;

import dev.edw.scaling.scalers.TriggerTargets;
import dev.edw.scaling.spec.ScaledJobSpec;
import dev.edw.scaling.spec.ScalingStrategySpec;
import dev.edw.scaling.spec.TriggerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * KEDA's ScaledJob loop: how many Jobs to create at one poll. Stateless.
 *
 * <p>Sources: {@code pkg/scaling/scaledjob/metrics.go} {@code CalculateQueueLengthAndMaxValue}
 * (queueLength = the trigger's value, maxValue = min(queueLength / target, max)) and {@code
 * IsScaledJobActive} (multipleScalersCalculation max/min/avg/sum over active triggers; min > 0
 * makes it active); {@code pkg/scaling/executor/scale_jobs.go} {@code RequestJobScale}, {@code
 * getScalingDecision}, {@code createJobs} and the strategies' {@code GetEffectiveMaxScale}.
 */
final class ScaledJobEngine {
  private final ScaledJobSpec spec;

  ScaledJobEngine(ScaledJobSpec spec) {
    this.spec = spec;
    spec.triggers().forEach(TriggerTargets::of); // fail fast on bad metadata
  }

  private record ScalerMetrics(double queueLength, double maxValue, boolean active) {}

  Evaluation poll(long nowMs, Observation obs) {
    long t = nowMs / 1000;
    int running = obs.runningJobs();
    int pending = obs.pendingJobs();
    long max = spec.maxReplicaCount();
    List<ScalerMetrics> metrics = new ArrayList<>();
    boolean error = false;
    for (TriggerSpec tr : spec.triggers()) {
      if (obs.failed(tr.name())) {
        error = true;
        continue;
      }
      TriggerTargets tt = TriggerTargets.of(tr);
      double q = obs.metrics().get(tr.name());
      metrics.add(new ScalerMetrics(q, Math.min(q / tt.target(), max), q > tt.activation()));
    }
    String calc = spec.scalingStrategy().multipleScalersCalculation();
    double queueLength = 0;
    double maxValue = 0;
    boolean active = false;
    switch (calc) {
      case "min" -> {
        for (ScalerMetrics m : metrics) {
          if ((queueLength == 0 || m.queueLength < queueLength) && m.active) {
            queueLength = m.queueLength;
            maxValue = m.maxValue;
            active = true;
          }
        }
      }
      case "avg", "sum" -> {
        int n = 0;
        for (ScalerMetrics m : metrics) {
          if (m.active) {
            queueLength += m.queueLength;
            maxValue += m.maxValue;
            active = true;
            n++;
          }
        }
        if (calc.equals("avg") && n > 0) {
          queueLength /= n;
          maxValue /= n;
        }
      }
      default -> {
        for (ScalerMetrics m : metrics) {
          if (m.queueLength > queueLength && m.active) {
            queueLength = m.queueLength;
            maxValue = m.maxValue;
            active = true;
          }
        }
      }
    }
    if (spec.minReplicaCount() > 0) {
      active = true;
    }
    maxValue = Math.min(maxValue, max);
    long scaleTo = (long) Math.ceil(queueLength);
    long maxScale = (long) Math.ceil(maxValue);
    StringBuilder why =
        new StringBuilder("keda job: queueLength ")
            .append(Num.fmt(queueLength))
            .append(metrics.size() > 1 ? " (" + calc + " of " + metrics.size() + ")" : "")
            .append(", maxValue min(")
            .append(Num.fmt(queueLength))
            .append("/target,")
            .append(max)
            .append(")=")
            .append(Num.fmt(maxValue));
    long effectiveMax;
    long min = spec.minReplicaCount();
    if (running < min) {
      scaleTo = min - running;
      effectiveMax = scaleTo;
      why.append(", running ").append(running).append(" < min ").append(min);
    } else {
      long[] r = strategy(maxScale, running - min, pending, max, scaleTo, why);
      effectiveMax = r[0];
      scaleTo = r[1];
    }
    if (effectiveMax < 0) {
      effectiveMax = 0;
    }
    int create = 0;
    if (active && effectiveMax > 0) {
      create = (int) Math.min(scaleTo, effectiveMax);
      why.append(", create min(")
          .append(scaleTo)
          .append(",")
          .append(effectiveMax)
          .append(")=")
          .append(create);
    } else {
      why.append(active ? ", no room: create 0" : ", inactive: create 0");
    }
    if (error) {
      why.append(" (a trigger failed)");
    }
    return new Evaluation(t, Evaluation.KEDA, queueLength, active, running, create, why.toString());
  }

  // scale_jobs.go GetEffectiveMaxScale of each strategy; custom without a parsable
  // customScalingRunningJobPercentage is the default strategy (NewScalingStrategy).
  private long[] strategy(
      long maxScale, long running, long pending, long max, long scaleTo, StringBuilder why) {
    ScalingStrategySpec s = spec.scalingStrategy();
    String name = s.strategy();
    if (name.equals("custom") && s.customScalingRunningJobPercentage().isEmpty()) {
      name = "default";
    }
    switch (name) {
      case "custom" -> {
        double pct = s.customScalingRunningJobPercentage().get();
        long r = maxScale - s.customScalingQueueLengthDeduction() - (long) (running * pct);
        long eff = Math.min(r, max);
        why.append(", custom: min(")
            .append(maxScale)
            .append("-")
            .append(s.customScalingQueueLengthDeduction())
            .append("-")
            .append(running)
            .append("x")
            .append(Num.fmt(pct))
            .append(",")
            .append(max)
            .append(")=")
            .append(eff);
        return new long[] {eff, scaleTo};
      }
      case "accurate" -> {
        if (maxScale + running - pending > max) {
          why.append(", accurate: ").append(max).append("-").append(running).append(" running");
          return new long[] {max - running, scaleTo};
        }
        why.append(", accurate: ").append(maxScale).append("-").append(pending).append(" pending");
        return new long[] {maxScale - pending, scaleTo};
      }
      case "eager" -> {
        long eff = Math.min(max - running - pending, maxScale);
        why.append(", eager: min(")
            .append(max)
            .append("-")
            .append(running)
            .append("-")
            .append(pending)
            .append(",")
            .append(maxScale)
            .append(")=")
            .append(eff);
        return new long[] {eff, max};
      }
      default -> {
        why.append(", default: ").append(maxScale).append("-").append(running).append(" running");
        return new long[] {maxScale - running, scaleTo};
      }
    }
  }
}
