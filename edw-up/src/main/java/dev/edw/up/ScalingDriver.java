package dev.edw.up;

import dev.edw.api.queue.QueueDepth;
import dev.edw.scaling.engine.Autoscaler;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.engine.Observation;
import dev.edw.scaling.scalers.QueueScalers;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.ScaledJobSpec;
import dev.edw.scaling.spec.TriggerSpec;
import dev.edw.up.cluster.ClusterView;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feeds the decision engine of {@code edw simulate} ({@link Autoscaler}) what {@code edw up}
 * observes: each trigger's metric from the real queue depth through the KEDA scaler semantics of
 * its type ({@link QueueScalers}), and the pods of the cluster. Not thread-safe.
 */
public final class ScalingDriver {
  private final KedaObject spec;
  private final Autoscaler autoscaler;

  public ScalingDriver(KedaObject spec, Instant created) {
    for (TriggerSpec t : spec.triggers()) {
      if (!QueueScalers.supports(t.type())) {
        throw new IllegalArgumentException(
            "trigger "
                + t.name()
                + " of type "
                + t.type()
                + " has no queue semantics in edw up: use azure-queue, aws-sqs-queue or redis");
      }
    }
    this.spec = spec;
    this.autoscaler = new Autoscaler(spec, created);
  }

  public KedaObject spec() {
    return spec;
  }

  public boolean scaledJob() {
    return spec instanceof ScaledJobSpec;
  }

  public Instant nextDue() {
    return autoscaler.nextDue();
  }

  /**
   * Runs the evaluations due by {@code now}.
   *
   * @param depth the queue's depth, or null when it could not be read (every trigger fails, as a
   *     scaler error would in KEDA, so fallback applies)
   */
  public List<Evaluation> advance(Instant now, QueueDepth depth, ClusterView cluster) {
    Map<String, Double> metrics =
        depth == null ? Map.of() : QueueScalers.metrics(spec.triggers(), depth);
    Set<String> failing = new HashSet<>();
    if (depth == null) {
      spec.triggers().forEach(t -> failing.add(t.name()));
    }
    Observation obs =
        scaledJob()
            ? new Observation(metrics, 0, 0, cluster.runningJobs(), cluster.pendingJobs(), failing)
            : new Observation(metrics, cluster.current(), cluster.ready(), 0, 0, failing);
    return autoscaler.advance(now, obs);
  }
}
