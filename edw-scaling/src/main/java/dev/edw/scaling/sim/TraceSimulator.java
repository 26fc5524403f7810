package dev.edw.scaling.sim;

import dev.edw.scaling.engine.Autoscaler;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.engine.Observation;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.ScaledJobSpec;
import dev.edw.scaling.spec.TriggerSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a metric trace through the engine: every trigger sees the trace's metric, replicas start
 * at 0, the object is created at t = 0, and each decision takes effect at once. Pure.
 */
public final class TraceSimulator {
  private TraceSimulator() {}

  /**
   * The evaluations from t = 0 to {@code durationSeconds} inclusive.
   *
   * @param durationSeconds the last second simulated
   */
  public static List<Evaluation> run(KedaObject spec, MetricTrace trace, long durationSeconds) {
    Instant created = Instant.EPOCH;
    Autoscaler scaler = new Autoscaler(spec, created);
    List<Evaluation> out = new ArrayList<>();
    int replicas = 0;
    boolean jobs = spec instanceof ScaledJobSpec;
    Instant end = created.plusSeconds(durationSeconds);
    while (!scaler.nextDue().isAfter(end)) {
      Instant due = scaler.nextDue();
      MetricTrace.Point p = trace.at(due.getEpochSecond() + due.getNano() / 1e9);
      Map<String, Double> metrics = new HashMap<>();
      for (TriggerSpec t : spec.triggers()) {
        metrics.put(t.name(), p.metric());
      }
      Observation obs =
          jobs
              ? Observation.ofJobs(metrics, p.running(), p.pending())
              : Observation.of(metrics, replicas);
      for (Evaluation e : scaler.advance(due, obs)) {
        out.add(e);
        if (!jobs) {
          replicas = e.desired();
        }
      }
    }
    return out;
  }
}
