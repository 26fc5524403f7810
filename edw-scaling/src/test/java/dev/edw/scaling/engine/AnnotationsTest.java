package dev.edw.scaling.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotationsTest {
  @Test
  void a_value_that_is_not_a_go_boolean_counts_as_true() {
    String k = Annotations.PAUSED;

    assertThat(Annotations.bool(Map.of(k, "yes"), k)).isTrue();
    assertThat(Annotations.bool(Map.of(k, "T"), k)).isTrue();
    assertThat(Annotations.bool(Map.of(k, "False"), k)).isFalse();
    assertThat(Annotations.bool(Map.of(k, "0"), k)).isFalse();
    assertThat(Annotations.bool(Map.of(), k)).isFalse();
  }

  @Test
  void paused_replicas_pauses_whatever_its_value_and_must_be_a_number() {
    assertThat(Annotations.paused(Map.of(Annotations.PAUSED_REPLICAS, "0"))).isTrue();
    assertThat(Annotations.pausedReplicas(Map.of(Annotations.PAUSED_REPLICAS, "4"))).contains(4);
    assertThatThrownBy(() -> Annotations.pausedReplicas(Map.of(Annotations.PAUSED_REPLICAS, "x")))
        .hasMessageContaining("must be an integer");
  }

  @Test
  void force_activation_scales_from_zero_without_an_active_trigger() {
    var spec =
        dev.edw.scaling.spec.KedaYaml.parse(
            """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: f
              annotations: {autoscaling.keda.sh/force-activation: 'true'}
            spec:
              triggers: [{type: azure-queue, metadata: {queueLength: '5'}}]
            """);
    Evaluation e =
        new Autoscaler(spec, java.time.Instant.EPOCH)
            .advance(java.time.Instant.EPOCH, Observation.of(Map.of("0", 0.0), 0))
            .get(0);

    assertThat(e.desired()).isEqualTo(1);
  }
}
