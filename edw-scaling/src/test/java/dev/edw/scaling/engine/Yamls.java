package dev.edw.scaling.engine;

import dev.edw.scaling.sim.MetricTrace;
import dev.edw.scaling.sim.TraceSimulator;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.KedaYaml;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: ScaledObject YAML with a few knobs, and trace runs. */
final class Yamls {
  private Yamls() {}

  /** The seed's ScaledObject: queueLength 5, activation 20, polling 30, cooldown 10, 0..15. */
  static final String SEED =
      """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata:
        name: seed
      spec:
        scaleTargetRef:
          name: consumer
        minReplicaCount: 0
        maxReplicaCount: 15
        pollingInterval: 30
        cooldownPeriod: 10
        triggers:
        - type: azure-queue
          metadata:
            queueName: work
            queueLength: '5'
            activationQueueLength: '20'
      """;

  /** A ScaledObject with one azure-queue trigger and extra spec lines (2-space indented). */
  static KedaObject so(
      int min, int max, int polling, int cooldown, double activation, String extraSpec) {
    return KedaYaml.parse(
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata:
          name: t
        spec:
          scaleTargetRef:
            name: consumer
          minReplicaCount: %d
          maxReplicaCount: %d
          pollingInterval: %d
          cooldownPeriod: %d
        %s
          triggers:
          - type: azure-queue
            metadata:
              queueLength: '5'
              activationQueueLength: '%s'
        """
            .formatted(
                min, max, polling, cooldown, extraSpec.indent(2).stripTrailing(), activation));
  }

  /** A trace from pairs t0, m0, t1, m1, ... */
  static MetricTrace trace(double... tm) {
    List<MetricTrace.Point> ps = new ArrayList<>();
    for (int i = 0; i < tm.length; i += 2) {
      ps.add(new MetricTrace.Point(tm[i], tm[i + 1], 0, 0));
    }
    return new MetricTrace(ps);
  }

  static List<Evaluation> run(KedaObject spec, long duration, double... tm) {
    return TraceSimulator.run(spec, trace(tm), duration);
  }

  /** "t source current->desired" for each evaluation that scaled, to compare sequences. */
  static List<String> scales(List<Evaluation> es) {
    return es.stream()
        .filter(Evaluation::scaled)
        .map(e -> e.t() + " " + e.source() + " " + e.current() + "->" + e.desired())
        .toList();
  }

  static Evaluation at(List<Evaluation> es, long t, String source) {
    return es.stream()
        .filter(e -> e.t() == t && e.source().equals(source))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + source + " evaluation at t=" + t + ": " + es));
  }
}
