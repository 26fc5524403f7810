package dev.edw.scaling.sim;

import dev.edw.api.queue.QueueDepth;
import dev.edw.scaling.check.Finding;
import dev.edw.scaling.check.ScalingChecks;
import dev.edw.scaling.engine.Autoscaler;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.engine.Observation;
import dev.edw.scaling.scalers.QueueScalers;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.ScaledJobSpec;
import dev.edw.scaling.spec.TriggerSpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts replicas, nodes, backlog, latency and cost for a load profile, with the same engine as
 * {@code edw up}. Messages queue in arrival order; each ready replica finishes {@code
 * serviceRatePerReplica} messages per second and holds one in flight while busy; pods are placed in
 * order on nodes of {@code podsPerNode} and wait for their node; scale-in removes the newest. A
 * ScaledJob's job takes one message and ends after {@code 1 / serviceRate} seconds. Pure.
 */
public final class LoadSimulator {
  private final KedaObject spec;
  private final LoadOptions o;
  private final boolean jobs;

  // FIFO of [arrivalTime, count]
  private final ArrayDeque<double[]> queue = new ArrayDeque<>();
  private double backlog;
  private final List<Double> podCreated = new ArrayList<>(); // pods (or jobs) in creation order
  private final List<Double> jobEnds = new ArrayList<>(); // for jobs: when the running one ends
  private final List<Double> nodeReady = new ArrayList<>();
  private double worstLatency;

  public LoadSimulator(KedaObject spec, LoadOptions options) {
    this.spec = spec;
    this.o = options;
    this.jobs = spec instanceof ScaledJobSpec;
  }

  public LoadResult run() {
    Autoscaler scaler = new Autoscaler(spec, Instant.EPOCH);
    List<Evaluation> evals = new ArrayList<>();
    List<LoadResult.Sample> series = new ArrayList<>();
    double dt = LoadOptions.STEP_SECONDS;
    long steps = Math.round(o.durationSeconds() / dt);
    int stepsPerSecond = (int) Math.round(1 / dt);
    double arrived = 0;
    double processed = 0;
    double doneThisSecond = 0;
    double replicaSeconds = 0;
    double nodeSeconds = 0;
    double maxBacklog = 0;
    long maxBacklogAt = 0;
    long drainedAt = -1;
    int maxReplicas = 0;
    int maxNodes = 0;
    for (long i = 0; i <= steps; i++) {
      double t = i * dt;
      if (!scaler.nextDue().isAfter(Instant.EPOCH.plusMillis(Math.round(t * 1000)))) {
        for (Evaluation e :
            scaler.advance(Instant.EPOCH.plusMillis(Math.round(t * 1000)), observe(t))) {
          evals.add(e);
          apply(e, t);
        }
      }
      placeNodes(t);
      double a = o.profile().messagesBetween(t, t + dt);
      if (a > 0) {
        queue.addLast(new double[] {t, a});
        backlog += a;
        arrived += a;
      }
      double done =
          jobs ? stepJobs(t, dt) : take(ready(t) * o.serviceRatePerReplica() * dt, t + dt);
      processed += done;
      doneThisSecond += done;
      int pods = podCreated.size();
      replicaSeconds += pods * dt;
      nodeSeconds += nodeReady.size() * dt;
      maxReplicas = Math.max(maxReplicas, pods);
      maxNodes = Math.max(maxNodes, nodeReady.size());
      if (backlog > maxBacklog + 1e-9) {
        maxBacklog = backlog;
        maxBacklogAt = (long) t;
        drainedAt = -1;
      } else if (drainedAt < 0 && maxBacklog > 0 && backlog < 0.5) {
        drainedAt = (long) Math.ceil(t);
      }
      if (i % stepsPerSecond == 0) {
        series.add(
            new LoadResult.Sample(
                (long) t,
                o.profile().rateAt(t),
                backlog,
                pods,
                ready(t),
                nodeReady.size(),
                doneThisSecond));
        doneThisSecond = 0;
      }
    }
    double end = o.durationSeconds();
    double worst = worstLatency;
    if (!queue.isEmpty() && backlog >= 0.5) {
      worst = Math.max(worst, end - queue.peekFirst()[0]);
    }
    LoadResult.Summary summary =
        new LoadResult.Summary(
            maxReplicas,
            maxNodes,
            maxBacklog,
            maxBacklogAt,
            drainedAt < 0 ? -1 : drainedAt - maxBacklogAt,
            worst,
            replicaSeconds,
            nodeSeconds,
            arrived,
            processed,
            backlog);
    List<Finding> findings =
        new ArrayList<>(
            ScalingChecks.check(spec, o.profile().peakRate(), o.serviceRatePerReplica()));
    ScalingChecks.flapping(evals)
        .filter(f -> findings.stream().noneMatch(x -> x.code().equals(Finding.FLAPS)))
        .ifPresent(findings::add);
    return new LoadResult(evals, series, summary, findings);
  }

  private Observation observe(double t) {
    int ready = ready(t);
    double inFlight = jobs ? runningJobs(t) : Math.min(backlog, ready);
    QueueDepth depth =
        new QueueDepth(Math.round(backlog - inFlight), Math.round(inFlight), 0, true);
    Map<String, Double> metrics = new HashMap<>();
    for (TriggerSpec tr : spec.triggers()) {
      metrics.put(
          tr.name(), QueueScalers.supports(tr.type()) ? QueueScalers.metric(tr, depth) : backlog);
    }
    if (jobs) {
      int running = runningJobs(t);
      return Observation.ofJobs(metrics, running, podCreated.size() - running);
    }
    return new Observation(metrics, podCreated.size(), ready, 0, 0, java.util.Set.of());
  }

  private void apply(Evaluation e, double t) {
    if (jobs) {
      for (int k = 0; k < e.desired(); k++) {
        podCreated.add(t);
        jobEnds.add(Double.NaN);
      }
      return;
    }
    while (podCreated.size() < e.desired()) {
      podCreated.add(t);
    }
    while (podCreated.size() > e.desired()) {
      podCreated.remove(podCreated.size() - 1);
    }
  }

  private void placeNodes(double t) {
    if (o.podsPerNode() == 0) {
      return;
    }
    int need = (podCreated.size() + o.podsPerNode() - 1) / o.podsPerNode();
    while (nodeReady.size() < need) {
      nodeReady.add(t + o.nodeStartupSeconds());
    }
    while (nodeReady.size() > need) {
      nodeReady.remove(nodeReady.size() - 1);
    }
  }

  private boolean podReady(int i, double t) {
    double since = podCreated.get(i);
    if (o.podsPerNode() > 0) {
      int node = i / o.podsPerNode();
      if (node >= nodeReady.size()) {
        return false;
      }
      since = Math.max(since, nodeReady.get(node));
    }
    return t >= since + o.podStartupSeconds();
  }

  private int ready(double t) {
    int n = 0;
    for (int i = 0; i < podCreated.size(); i++) {
      if (podReady(i, t)) {
        n++;
      }
    }
    return n;
  }

  private int runningJobs(double t) {
    return ready(t);
  }

  // Jobs: a ready job takes one message, ends 1/serviceRate later; with none to take it ends.
  private double stepJobs(double t, double dt) {
    double done = 0;
    int claimed = 0;
    for (double e : jobEnds) {
      claimed += Double.isNaN(e) ? 0 : 1;
    }
    for (int i = podCreated.size() - 1; i >= 0; i--) {
      if (!podReady(i, t)) {
        continue;
      }
      double endsAt = jobEnds.get(i);
      if (Double.isNaN(endsAt)) {
        if (backlog - claimed >= 1 - 1e-9) {
          jobEnds.set(i, t + 1 / o.serviceRatePerReplica());
          claimed++;
        } else {
          podCreated.remove(i);
          jobEnds.remove(i);
        }
      } else if (endsAt <= t + dt) {
        done += take(1, t + dt);
        claimed--;
        podCreated.remove(i);
        jobEnds.remove(i);
      }
    }
    return done;
  }

  private double take(double n, double at) {
    double left = Math.min(n, backlog);
    double took = 0;
    while (left > 1e-12 && !queue.isEmpty()) {
      double[] head = queue.peekFirst();
      double m = Math.min(head[1], left);
      head[1] -= m;
      left -= m;
      took += m;
      worstLatency = Math.max(worstLatency, at - head[0]);
      if (head[1] <= 1e-12) {
        queue.removeFirst();
      }
    }
    backlog -= took;
    if (backlog < 1e-9) {
      backlog = 0;
    }
    return took;
  }
}
