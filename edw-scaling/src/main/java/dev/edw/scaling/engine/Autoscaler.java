package dev.edw.scaling.engine;

import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.ScaledJobSpec;
import dev.edw.scaling.spec.ScaledObjectSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * KEDA and the HPA for one scaled object, on the caller's clock. Pure: no I/O, no threads, no wall
 * clock; the same decisions for the same observations. Not thread-safe.
 *
 * <p>Schedule: KEDA's polling loop at t = 0, P, 2P, ... (P = pollingInterval) and, for a
 * ScaledObject, the HPA at t = 15, 30, 45, ... (the controller's default sync period). When both
 * fall on the same second KEDA runs first, and a scale takes effect at once: the HPA then sees
 * KEDA's replicas. For a ScaledJob {@code desired} is the number of Jobs to create and {@code
 * current} the running ones.
 */
public final class Autoscaler {
  /** The HPA controller's default {@code --horizontal-pod-autoscaler-sync-period}. */
  public static final int HPA_SYNC_PERIOD_SECONDS = 15;

  private final KedaObject spec;
  private final Instant created;
  private final ScaledObjectEngine objects;
  private final ScaledJobEngine jobs;
  private long nextKedaMs = 0;
  private long nextHpaMs = HPA_SYNC_PERIOD_SECONDS * 1000L;

  public Autoscaler(KedaObject spec, Instant created) {
    this.spec = spec;
    this.created = created;
    if (spec instanceof ScaledObjectSpec so) {
      this.objects = new ScaledObjectEngine(so);
      this.jobs = null;
    } else {
      this.objects = null;
      this.jobs = new ScaledJobEngine((ScaledJobSpec) spec);
    }
  }

  public KedaObject spec() {
    return spec;
  }

  public Instant created() {
    return created;
  }

  /** When the next rule is due. */
  public Instant nextDue() {
    long ms = jobs != null || !objects.hpaRuns() ? nextKedaMs : Math.min(nextKedaMs, nextHpaMs);
    return created.plusMillis(ms);
  }

  /**
   * Runs every rule due at or before {@code now}, in time order (KEDA first on a tie), each at its
   * scheduled second with {@code obs}; a scale by one rule is seen by the next.
   *
   * @return the evaluations, oldest first; empty when nothing was due
   */
  public List<Evaluation> advance(Instant now, Observation obs) {
    long nowMs = Duration.between(created, now).toMillis();
    List<Evaluation> out = new ArrayList<>();
    Observation o = obs;
    while (true) {
      boolean hpa = jobs == null && objects.hpaRuns();
      long due = hpa ? Math.min(nextKedaMs, nextHpaMs) : nextKedaMs;
      if (due > nowMs) {
        return out;
      }
      Evaluation e;
      if (nextKedaMs == due) {
        e = jobs != null ? jobs.poll(due, o) : objects.keda(due, o);
        nextKedaMs += spec.pollingInterval() * 1000L;
      } else {
        e = objects.hpa(due, o);
        nextHpaMs += HPA_SYNC_PERIOD_SECONDS * 1000L;
      }
      if (!hpa && nextHpaMs <= due) {
        nextHpaMs = (due / (HPA_SYNC_PERIOD_SECONDS * 1000L) + 1) * HPA_SYNC_PERIOD_SECONDS * 1000L;
      }
      out.add(e);
      if (jobs == null && e.desired() != o.currentReplicas()) {
        o = o.withReplicas(e.desired());
      }
    }
  }
}
