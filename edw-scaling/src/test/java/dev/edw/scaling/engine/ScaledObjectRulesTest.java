package dev.edw.scaling.engine;

import static dev.edw.scaling.engine.Yamls.at;
import static dev.edw.scaling.engine.Yamls.run;
import static dev.edw.scaling.engine.Yamls.scales;
import static dev.edw.scaling.engine.Yamls.so;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.KedaYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KEDA's 0<->1 loop and the classic HPA, hand-computed second by second. */
class ScaledObjectRulesTest {
  private final KedaObject seed = KedaYaml.parse(Yamls.SEED);

  @Test
  void seed_scales_0_1_4_8_12_on_57_messages_then_straight_to_0_when_the_queue_empties() {
    // t=0 keda: 57 > 20 active, 0 -> max(min,1)=1. t=15 hpa: ceil(57/5)=12 capped at max(2x1,4)=4.
    // t=30 keda: active, no change; hpa: capped at max(2x4,4)=8. t=45 hpa: 12 (15 <= 16 limit).
    // t=60 keda: 0 <= 20 inactive, lastActive 30 + cooldown 10 < 60: 12 -> 0, skipping the HPA.
    List<Evaluation> es = run(seed, 75, 0, 57, 60, 0);

    assertThat(scales(es))
        .containsExactly(
            "0 keda 0->1", "15 hpa 1->4", "30 hpa 4->8", "45 hpa 8->12", "60 keda 12->0");
    assertThat(at(es, 30, "hpa").reason())
        .isEqualTo("hpa: ceil(57/5)=12, capped at max(2x4,4)=8 by the default scale-up limit");
    assertThat(at(es, 75, "hpa").reason()).contains("scaling disabled");
    assertThat(at(es, 0, "keda").active()).isTrue();
    assertThat(at(es, 30, "keda").desired()).isEqualTo(8 / 2);
  }

  @Test
  void activation_is_strictly_greater_so_the_seed_strands_20_messages() {
    List<Evaluation> at20 = run(seed, 120, 0, 20);
    List<Evaluation> at21 = run(seed, 0, 0, 21);

    assertThat(scales(at20)).isEmpty();
    assertThat(at(at20, 0, "keda").reason()).contains("20 <= activation 20");
    assertThat(scales(at21)).containsExactly("0 keda 0->1");
  }

  @Test
  void scale_to_zero_waits_until_strictly_after_last_active_plus_cooldown() {
    // polling 10, cooldown 10: active at t=0 (lastActive 0); t=10: 0 + 10 is not before 10.
    KedaObject spec = so(0, 10, 10, 10, 0, "");
    List<Evaluation> es = run(spec, 20, 0, 3, 5, 0);

    assertThat(at(es, 10, "keda").desired()).isEqualTo(1);
    assertThat(at(es, 10, "keda").reason()).contains("cooling down");
    assertThat(at(es, 20, "keda").desired()).isZero();
  }

  @Test
  void an_object_never_active_waits_for_creation_plus_initial_cooldown() {
    KedaObject spec = so(0, 10, 30, 10, 0, "initialCooldownPeriod: 60");
    Autoscaler a = new Autoscaler(spec, java.time.Instant.EPOCH);

    // 3 replicas set outside KEDA, never active. The HPA's first sync (t=15) records the 3 it
    // finds (horizontal.go recordInitialRecommendation), so its 300 s scale-down window holds 3
    // rather than its proposal 0 -> min 1. KEDA's clock is creation 0 + initialCooldownPeriod
    // 60, strictly: not at 60, at 90, straight from 3 to 0.
    List<Evaluation> es =
        a.advance(
            java.time.Instant.ofEpochSecond(90), Observation.of(java.util.Map.of("0", 0.0), 3));

    assertThat(scales(es)).containsExactly("90 keda 3->0");
    assertThat(at(es, 15, "hpa").reason())
        .contains("held at 3 by the default 300s scale-down stabilization");
    assertThat(at(es, 60, "keda").reason()).contains("cooling down");
    assertThat(at(es, 90, "keda").reason()).contains("initialCooldownPeriod 60");
  }

  @Test
  void inactive_below_min_scales_to_min_and_active_from_zero_goes_to_min() {
    KedaObject spec = so(2, 10, 30, 10, 0, "");

    assertThat(scales(run(spec, 0, 0, 0))).containsExactly("0 keda 0->2");
    assertThat(scales(run(spec, 0, 0, 50))).containsExactly("0 keda 0->2");
  }

  @Test
  void idle_replica_count_is_the_floor_when_inactive_and_activity_jumps_to_min() {
    KedaObject spec = so(3, 10, 30, 10, 0, "idleReplicaCount: 0");
    // t=0 inactive, 0 replicas = idle: nothing. t=30 active (10 > 0): idle 0 < min 3 -> 3.
    // t=60 inactive: lastActive 30 + 10 < 60 -> idle 0.
    List<Evaluation> es = run(spec, 60, 0, 0, 30, 10, 60, 0);

    assertThat(scales(es)).containsExactly("30 keda 0->3", "60 keda 3->0");
  }

  @Test
  void tolerance_is_inclusive_at_ten_percent_against_current_replicas() {
    // Start at 10 replicas through a min of 10 (min 10 -> KEDA puts 10 at t=0), max 20.
    KedaObject spec = so(10, 20, 30, 10, 0, "");

    assertThat(at(run(spec, 15, 0, 55), 15, "hpa").desired()).isEqualTo(10); // 55/50 = 1.1
    assertThat(at(run(spec, 15, 0, 55.01), 15, "hpa").desired()).isEqualTo(12); // ceil(11.002)
    assertThat(at(run(spec, 15, 0, 45), 15, "hpa").reason()).contains("within tolerance");
  }

  @Test
  void default_downscale_window_keeps_a_recommendation_exactly_300_seconds_old() {
    // 0..20, activation 0; metric 50 until t=20 then 5. hpa t=15: ceil(50/5)=10, capped at 4.
    // Recommendations: t=15 -> 10; from t=30 on -> 1, but the window's max is still 10, so the
    // HPA goes on up: t=30 -> 8 (limit), t=45 -> 10. At t=315 the t=15 one is exactly 300 s old
    // and is kept (only those Before the cutoff drop), so 10 holds; at t=330 it is gone -> 1.
    KedaObject spec = so(0, 20, 30, 300, 0, "");
    List<Evaluation> es = run(spec, 330, 0, 50, 20, 5);

    assertThat(scales(es))
        .containsExactly(
            "0 keda 0->1", "15 hpa 1->4", "30 hpa 4->8", "45 hpa 8->10", "330 hpa 10->1");
    assertThat(at(es, 315, "hpa").reason())
        .isEqualTo("hpa: ceil(5/5)=1, held at 10 by the default 300s scale-down stabilization");
  }

  @Test
  void several_triggers_take_the_maximum() {
    KedaObject spec =
        KedaYaml.parse(
            """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: two}
            spec:
              scaleTargetRef: {name: c}
              minReplicaCount: 1
              maxReplicaCount: 50
              triggers:
              - type: azure-queue
                name: small
                metadata: {queueLength: '10'}
              - type: aws-sqs-queue
                name: big
                metadata: {queueLength: '2'}
            """);
    Autoscaler a = new Autoscaler(spec, java.time.Instant.EPOCH);
    var m = java.util.Map.of("small", 30.0, "big", 14.0);

    a.advance(java.time.Instant.EPOCH, Observation.of(m, 1));
    Evaluation hpa = a.advance(java.time.Instant.ofEpochSecond(15), Observation.of(m, 4)).get(0);

    // small: ceil(30/10)=3, big: ceil(14/2)=7 -> 7 (limit max(8,4)=8)
    assertThat(hpa.desired()).isEqualTo(7);
    assertThat(hpa.reason()).isEqualTo("hpa: max over 2 metrics: ceil(14/2)=7");
    assertThat(hpa.metric()).isEqualTo(14.0);
  }

  @Test
  void value_metric_type_multiplies_the_ratio_by_ready_pods() {
    KedaObject spec =
        KedaYaml.parse(
            """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: v}
            spec:
              scaleTargetRef: {name: c}
              minReplicaCount: 1
              maxReplicaCount: 50
              triggers:
              - type: azure-queue
                metricType: Value
                metadata: {queueLength: '10'}
            """);
    Autoscaler a = new Autoscaler(spec, java.time.Instant.EPOCH);
    a.advance(java.time.Instant.EPOCH, Observation.of(java.util.Map.of("0", 30.0), 4));
    // 30/10 = 3, x 3 ready of 4 -> ceil(9) = 9 (limit 8)
    Observation obs = new Observation(java.util.Map.of("0", 30.0), 4, 3, 0, 0, java.util.Set.of());
    Evaluation e = a.advance(java.time.Instant.ofEpochSecond(15), obs).get(0);

    assertThat(e.reason()).startsWith("hpa: ceil(30/10x3 ready)=9");
    assertThat(e.desired()).isEqualTo(8);
  }

  @Test
  void hpa_clamps_to_max_and_min() {
    KedaObject spec = so(2, 6, 30, 10, 0, "");
    Autoscaler a = new Autoscaler(spec, java.time.Instant.EPOCH);
    var m = java.util.Map.of("0", 100.0);
    a.advance(java.time.Instant.EPOCH, Observation.of(m, 9));

    Evaluation above = a.advance(java.time.Instant.ofEpochSecond(15), Observation.of(m, 9)).get(0);
    assertThat(above.desired()).isEqualTo(6);
    Evaluation capped = a.advance(java.time.Instant.ofEpochSecond(30), Observation.of(m, 4)).get(1);
    assertThat(capped.desired()).isEqualTo(6); // ceil(100/5)=20, limit 8 > max 6 -> 6
    assertThat(capped.reason()).endsWith("capped at max 6");
  }
}
