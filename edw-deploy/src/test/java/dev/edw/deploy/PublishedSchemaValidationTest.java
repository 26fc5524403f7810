package dev.edw.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishedSchemaValidationTest {

  private static List<Map<String, Object>> render(Target target, String yaml) {
    return Renderer.render(target, DeployConfigReader.read(target, yaml, "test.yaml")).objects();
  }

  @Test
  void every_rendered_object_of_every_target_and_mode_is_valid_against_the_published_schemas()
      throws Exception {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Target target : Target.values()) {
      all.addAll(render(target, null));
      all.addAll(render(target, "mode: job\n"));
    }
    all.addAll(
        render(
            Target.EKS,
            "identity: {awsRoleArn: 'arn:aws:iam::123456789012:role/edw-consumer'}\n"
                + "queue: redis://edw-redis:6379/0/work\nnodes: {capacity: on-demand}\n"));

    PublishedSchemas.Verdict verdict = PublishedSchemas.validate(all);

    assertThat(verdict.lines()).hasSize(all.size());
    assertThat(verdict.lines()).noneMatch(l -> l.startsWith("invalid"));
    assertThat(verdict.exitCode()).isZero();
    // AKSNodeClass (karpenter.azure.com) is the one kind no published npm package models
    assertThat(verdict.lines().stream().filter(l -> l.startsWith("unchecked")))
        .allMatch(l -> l.contains(" AKSNodeClass "));
    assertThat(verdict.lines())
        .anyMatch(l -> l.startsWith("valid @kubernetes-models/keda@") && l.contains(" ScaledJob "))
        .anyMatch(
            l -> l.startsWith("valid @kubernetes-models/keda@") && l.contains(" ScaledObject "))
        .anyMatch(
            l ->
                l.startsWith("valid @kubernetes-models/keda@")
                    && l.contains(" TriggerAuthentication "))
        .anyMatch(
            l -> l.startsWith("valid @kubernetes-models/karpenter@") && l.contains(" NodePool "))
        .anyMatch(
            l ->
                l.startsWith("valid @kubernetes-models/karpenter@") && l.contains(" EC2NodeClass "))
        .anyMatch(l -> l.startsWith("valid kubernetes-models@") && l.contains(" NetworkPolicy "))
        .anyMatch(l -> l.startsWith("valid kubernetes-models@") && l.contains(" Deployment "));
  }

  @Test
  @SuppressWarnings("unchecked")
  void objects_that_break_the_schemas_are_reported_invalid() throws Exception {
    List<Map<String, Object>> objects = render(Target.EKS, null);
    Map<String, Object> scaledObject = copyOf(objects, "ScaledObject");
    ((Map<String, Object>) scaledObject.get("spec")).put("minReplicaCount", "zero");
    Map<String, Object> nodeClass = copyOf(objects, "EC2NodeClass");
    ((Map<String, Object>) nodeClass.get("spec")).remove("amiSelectorTerms");
    Map<String, Object> deployment = copyOf(objects, "Deployment");
    ((Map<String, Object>) deployment.get("spec")).remove("selector");

    PublishedSchemas.Verdict verdict =
        PublishedSchemas.validate(List.of(scaledObject, nodeClass, deployment));

    assertThat(verdict.exitCode()).isEqualTo(1);
    assertThat(verdict.lines()).hasSize(3).allMatch(l -> l.startsWith("invalid"), "all invalid");
    assertThat(verdict.lines().get(0)).contains("minReplicaCount");
  }

  private static Map<String, Object> copyOf(List<Map<String, Object>> objects, String kind) {
    Map<String, Object> found =
        objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
    return deepCopy(found);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
    return copy;
  }
}
