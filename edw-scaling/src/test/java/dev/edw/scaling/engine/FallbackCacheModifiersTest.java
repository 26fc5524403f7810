package dev.edw.scaling.engine;

import static dev.edw.scaling.engine.Yamls.at;
import static dev.edw.scaling.engine.Yamls.scales;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.KedaYaml;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fallback, useCachedMetrics and scalingModifiers. */
class FallbackCacheModifiersTest {
  private static KedaObject fallback(String behavior, int replicas) {
    return fallback(behavior, replicas, 2);
  }

  private static KedaObject fallback(String behavior, int replicas, int threshold) {
    return Yamls.so(
        0,
        10,
        30,
        10,
        0,
        "fallback:\n  failureThreshold: %d\n  replicas: %d\n  behavior: %s\n"
            .formatted(threshold, replicas, behavior));
  }

  private static Observation failing(int replicas) {
    return Observation.of(Map.of(), replicas).withFailing(Set.of("0"));
  }

  @Test
  void fallback_applies_only_when_failures_exceed_the_threshold() {
    Autoscaler a = new Autoscaler(fallback("static", 6), Instant.EPOCH);

    // Every read counts: t=0 keda #1, t=15 hpa #2 (both errors, no change), t=30 keda #3 > 2:
    // fallback 5x6=30 counts as active; t=30 hpa #4: ceil(30/5)=6 capped at 4; t=45: 6.
    List<Evaluation> es = a.advance(Instant.ofEpochSecond(45), failing(2));

    assertThat(scales(es)).containsExactly("30 hpa 2->4", "45 hpa 4->6");
    assertThat(at(es, 0, "keda").reason()).contains("error 1/2 failures", "no scale to zero");
    assertThat(at(es, 15, "hpa").reason()).contains("1 of 1 metrics failed");
    assertThat(at(es, 30, "keda").active()).isTrue();
    assertThat(at(es, 30, "keda").reason()).contains("fallback after 3 failures > 2: 5x6 (static)");
  }

  @Test
  void a_good_read_resets_the_failure_count() {
    Autoscaler a = new Autoscaler(fallback("static", 6), Instant.EPOCH);
    a.advance(Instant.ofEpochSecond(15), failing(2)); // 2 failures
    a.advance(Instant.ofEpochSecond(30), Observation.of(Map.of("0", 10.0), 2)); // reset

    List<Evaluation> es = a.advance(Instant.ofEpochSecond(45), failing(2));
    assertThat(es.get(0).reason()).contains("1 of 1 metrics failed");
  }

  @Test
  void fallback_behaviors_choose_between_fallback_and_current_replicas() {
    Map<String, Integer> expect =
        Map.of(
            "currentReplicas", 8,
            "currentReplicasIfHigher", 8,
            "currentReplicasIfLower", 6,
            "static", 6);
    expect.forEach(
        (behavior, replicas) -> {
          Autoscaler a = new Autoscaler(fallback(behavior, 6), Instant.EPOCH);
          List<Evaluation> es = a.advance(Instant.ofEpochSecond(30), failing(8));
          // the value served is 5 x replicas; ceil(5r/5) = r, or within tolerance at 8. The
          // HPA's first sync (t=15) recorded the 8 it found, so its 300 s scale-down window
          // keeps 8 (horizontal.go recordInitialRecommendation).
          Evaluation hpa = at(es, 30, "hpa");
          assertThat(hpa.metric()).as(behavior).isEqualTo(5.0 * replicas);
          assertThat(hpa.reason())
              .as(behavior)
              .contains(replicas == 8 ? "within tolerance, keep 8" : "ceil(30/5)=6, held at 8");
          assertThat(hpa.desired()).as(behavior).isEqualTo(8);
        });
  }

  @Test
  void an_error_without_fallback_replicas_lets_keda_scale_to_zero_but_no_fallback_keeps_replicas() {
    // fallback.replicas 0 does not block the scale to zero while failures are under the threshold
    List<Evaluation> zeroReplicas =
        new Autoscaler(fallback("static", 0, 5), Instant.EPOCH)
            .advance(Instant.ofEpochSecond(30), failing(2));
    KedaObject none = Yamls.so(0, 10, 30, 10, 0, "");
    List<Evaluation> noFallback =
        new Autoscaler(none, Instant.EPOCH).advance(Instant.ofEpochSecond(120), failing(2));

    assertThat(scales(zeroReplicas)).containsExactly("30 keda 2->0");
    assertThat(scales(noFallback)).isEmpty();
    assertThat(at(noFallback, 120, "keda").reason()).contains("trigger error, no change");
  }

  @Test
  void use_cached_metrics_serves_the_hpa_the_last_poll() {
    String yaml =
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: c}
        spec:
          scaleTargetRef: {name: c}
          minReplicaCount: 1
          maxReplicaCount: 20
          triggers:
          - type: azure-queue
            useCachedMetrics: %s
            metadata: {queueLength: '5'}
        """;
    for (boolean cached : new boolean[] {true, false}) {
      Autoscaler a = new Autoscaler(KedaYaml.parse(yaml.formatted(cached)), Instant.EPOCH);
      a.advance(Instant.EPOCH, Observation.of(Map.of("0", 10.0), 1));
      Evaluation hpa =
          a.advance(Instant.ofEpochSecond(15), Observation.of(Map.of("0", 100.0), 1)).get(0);

      assertThat(hpa.metric()).isEqualTo(cached ? 10.0 : 100.0);
      assertThat(hpa.desired()).isEqualTo(cached ? 2 : 4);
    }
  }

  @Test
  void scaling_modifiers_compose_triggers_with_a_formula() {
    KedaObject spec =
        KedaYaml.parse(
            """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: m}
            spec:
              scaleTargetRef: {name: c}
              maxReplicaCount: 20
              advanced:
                scalingModifiers:
                  formula: "a > 10 ? a + b : 0"
                  target: "5"
                  activationTarget: "1"
              triggers:
              - type: azure-queue
                name: a
                metadata: {queueLength: '5'}
              - type: aws-sqs-queue
                name: b
                metadata: {queueLength: '5'}
            """);
    Autoscaler busy = new Autoscaler(spec, Instant.EPOCH);
    Map<String, Double> m = new HashMap<>(Map.of("a", 12.0, "b", 8.0));
    Evaluation k = busy.advance(Instant.EPOCH, Observation.of(m, 0)).get(0);
    Evaluation h = busy.advance(Instant.ofEpochSecond(15), Observation.of(m, 1)).get(0);
    Evaluation quiet =
        new Autoscaler(spec, Instant.EPOCH)
            .advance(Instant.EPOCH, Observation.of(Map.of("a", 5.0, "b", 8.0), 0))
            .get(0);

    assertThat(k.reason()).contains("a > 10 ? a + b : 0=20 > activationTarget 1");
    assertThat(k.desired()).isEqualTo(1);
    assertThat(h.reason()).startsWith("hpa: ceil(20/5)=4");
    assertThat(quiet.active()).isFalse();
    assertThat(quiet.desired()).isZero();
  }

  @Test
  void formula_has_float_division_comparisons_ternary_and_null_coalescing() {
    Map<String, Double> v = new HashMap<>();
    v.put("a", null);
    v.put("b", 7.0);

    assertThat(new Formula("(a ?? 3) + b").evaluate(v)).isEqualTo(10.0);
    assertThat(new Formula("b / 2").evaluate(v)).isEqualTo(3.5);
    assertThat(new Formula("7 / 2").evaluate(v)).isEqualTo(3.5);
    assertThat(new Formula("b >= 7 && b < 8 ? 1 : 0").evaluate(v)).isEqualTo(1.0);
    assertThatThrownBy(() -> new Formula("b +* 2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Formula("b > 2").evaluate(v)).hasMessageContaining("not a number");
  }
}
