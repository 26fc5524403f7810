package dev.edw.scaling.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KedaYamlTest {
  @Test
  void picks_the_scaled_object_out_of_a_multi_document_file_with_keda_defaults() {
    KedaObject o =
        KedaYaml.parse(
            """
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: auth}
            spec: {podIdentity: {provider: azure-workload}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: so}
            spec:
              scaleTargetRef: {name: d}
              triggers:
              - type: azure-queue
                metadata: {queueName: q, queueLength: '5'}
            """);

    ScaledObjectSpec so = (ScaledObjectSpec) o;
    assertThat(so.pollingInterval()).isEqualTo(30);
    assertThat(so.cooldownPeriod()).isEqualTo(300);
    assertThat(so.minReplicaCount()).isZero();
    assertThat(so.maxReplicaCount()).isEqualTo(100);
    assertThat(so.hpaMinReplicas()).isEqualTo(1);
    assertThat(so.triggers().get(0).name()).isEqualTo("0");
    assertThat(so.triggers().get(0).metadata()).containsEntry("queueLength", "5");
  }

  @Test
  void reads_behavior_fallback_and_a_scaled_job() {
    ScaledObjectSpec so =
        (ScaledObjectSpec)
            KedaYaml.parse(
                """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: so}
                spec:
                  fallback: {failureThreshold: 3, replicas: 6, behavior: currentReplicasIfHigher}
                  advanced:
                    horizontalPodAutoscalerConfig:
                      behavior:
                        scaleDown:
                          stabilizationWindowSeconds: 60
                          selectPolicy: Min
                          policies: [{type: Percent, value: 50, periodSeconds: 30}]
                  triggers: [{type: redis, metadata: {listLength: '7'}}]
                """);
    ScaledJobSpec job =
        (ScaledJobSpec)
            KedaYaml.parse(
                "apiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata: {name: j}\n"
                    + "spec: {triggers: [{type: aws-sqs-queue, metadata: {}}]}\n");

    assertThat(so.fallback()).contains(new FallbackSpec(3, 6, "currentReplicasIfHigher"));
    RulesSpec down = so.behavior().orElseThrow().scaleDown().orElseThrow();
    assertThat(down.stabilizationWindowSeconds()).contains(60);
    assertThat(down.selectPolicy()).contains("Min");
    assertThat(down.policies()).contains(List.of(new PolicySpec("Percent", 50, 30)));
    assertThat(down.tolerance()).isEqualTo(Optional.empty());
    assertThat(job.maxReplicaCount()).isEqualTo(100);
    assertThat(job.scalingStrategy()).isEqualTo(ScalingStrategySpec.DEFAULT);
  }

  @Test
  void refuses_yaml_without_a_keda_object_or_with_bad_fields() {
    assertThatThrownBy(() -> KedaYaml.parse("apiVersion: apps/v1\nkind: Deployment\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no keda.sh/v1alpha1 ScaledObject or ScaledJob");
    assertThatThrownBy(() -> KedaYaml.parse("a: [unclosed"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not valid YAML");
    String bad =
        "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: x}\nspec:\n"
            + "  minReplicaCount: 5\n  maxReplicaCount: 2\n  triggers: [{type: redis}]\n";
    assertThatThrownBy(() -> KedaYaml.parse(bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("minReplicaCount <= maxReplicaCount");
    String noTriggers =
        "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nspec: {pollingInterval: x}\n";
    assertThatThrownBy(() -> KedaYaml.parse(noTriggers))
        .hasMessageContaining("pollingInterval must be a number");
  }
}
