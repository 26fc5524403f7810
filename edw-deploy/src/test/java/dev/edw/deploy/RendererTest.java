package dev.edw.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class RendererTest {

  private static Rendering render(Target target, String yaml) {
    return Renderer.render(target, DeployConfigReader.read(target, yaml, "test.yaml"));
  }

  @SuppressWarnings("unchecked")
  static Object at(Object node, String... path) {
    Object current = node;
    for (String step : path) {
      if (current instanceof List<?> list) {
        current = list.get(Integer.parseInt(step));
      } else {
        current = ((Map<String, Object>) current).get(step);
      }
    }
    return current;
  }

  static Map<String, Object> kind(Rendering r, String kind) {
    return r.objects().stream()
        .filter(o -> kind.equals(o.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + r.yaml()));
  }

  static List<String> kinds(Rendering r) {
    return r.objects().stream().map(o -> (String) o.get("kind")).toList();
  }

  @Test
  void default_aks_render_keeps_the_seed_names_and_numbers_and_fixes_the_stranding_activation() {
    Rendering r = render(Target.AKS, null);

    assertThat(kinds(r))
        .containsExactly(
            "Namespace",
            "ServiceAccount",
            "TriggerAuthentication",
            "Deployment",
            "ScaledObject",
            "NodePool",
            "AKSNodeClass");
    Map<String, Object> deployment = kind(r, "Deployment");
    assertThat(at(deployment, "metadata", "name")).isEqualTo("aqs-app");
    assertThat(at(deployment, "metadata", "namespace")).isEqualTo("aqs-demo");
    assertThat(at(deployment, "spec", "template", "spec", "serviceAccountName"))
        .isEqualTo("aqs-app-service-account");
    assertThat(at(deployment, "spec", "template", "metadata", "labels"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("azure.workload.identity/use", "true");
    assertThat((List<Object>) at(deployment, "spec", "template", "spec", "containers", "0", "args"))
        .containsSubsequence("--queue", "azure-queue://edwstorage/aws2azmsgs")
        .containsSubsequence("--table", "azure-table://edwstorage/aws2azpmts");
    Map<String, Object> so = kind(r, "ScaledObject");
    assertThat(at(so, "spec", "minReplicaCount")).isEqualTo(0);
    assertThat(at(so, "spec", "maxReplicaCount")).isEqualTo(15);
    assertThat(at(so, "spec", "pollingInterval")).isEqualTo(30);
    assertThat(at(so, "spec", "cooldownPeriod")).isEqualTo(10);
    assertThat(at(so, "spec", "triggers", "0", "type")).isEqualTo("azure-queue");
    assertThat(at(so, "spec", "triggers", "0", "metadata", "queueLength")).isEqualTo("5");
    assertThat(at(so, "spec", "triggers", "0", "metadata", "activationQueueLength")).isEqualTo("0");
    assertThat(r.warnings())
        .anySatisfy(
            f -> {
              assertThat(f.check()).isEqualTo("strands");
              assertThat(f.message()).contains("20").contains("Rendered with activation 0");
            });
    assertThat(at(kind(r, "TriggerAuthentication"), "spec", "podIdentity", "provider"))
        .isEqualTo("azure-workload");
    assertThat(at(kind(r, "ServiceAccount"), "metadata", "annotations"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsKey("azure.workload.identity/client-id");
  }

  @Test
  void pods_are_locked_down_and_outlive_their_drain() {
    Rendering r = render(Target.AKS, "drainTimeoutSeconds: 40\n");
    Map<String, Object> pod = (Map<String, Object>) at(kind(r, "Deployment"), "spec", "template");
    Object container = at(pod, "spec", "containers", "0");

    assertThat(at(pod, "spec", "terminationGracePeriodSeconds")).isEqualTo(50);
    assertThat(at(pod, "spec", "securityContext", "runAsNonRoot")).isEqualTo(true);
    assertThat(at(pod, "spec", "securityContext", "seccompProfile", "type"))
        .isEqualTo("RuntimeDefault");
    assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
    assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
    assertThat(at(container, "securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
    assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/healthz");
    assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
    assertThat(at(container, "resources", "limits", "memory")).isEqualTo("128Mi");
    assertThat((List<Object>) at(container, "args")).containsSubsequence("--drain-timeout", "40s");
    assertThat(at(pod, "metadata", "annotations", "prometheus.io/scrape")).isEqualTo("true");
    assertThat(at(pod, "metadata", "annotations", "prometheus.io/port")).isEqualTo("9400");
  }

  @Test
  void a_grace_period_no_longer_than_the_drain_is_refused() {
    assertThatThrownBy(
            () ->
                render(Target.AKS, "drainTimeoutSeconds: 30\nterminationGracePeriodSeconds: 30\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("terminationGracePeriodSeconds (30) must exceed drainTimeoutSeconds");
  }

  @Test
  void eks_uses_pod_identity_by_default_and_irsa_when_a_role_is_given() {
    Rendering podIdentity = render(Target.EKS, "identity: {awsAccountId: '123456789012'}\n");
    Rendering irsa =
        render(
            Target.EKS,
            "identity: {awsAccountId: '123456789012', awsRoleArn:"
                + " 'arn:aws:iam::123456789012:role/edw-consumer'}\n");

    assertThat(at(kind(podIdentity, "ServiceAccount"), "metadata", "annotations")).isNull();
    assertThat(at(kind(irsa, "ServiceAccount"), "metadata", "annotations"))
        .isEqualTo(
            Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/edw-consumer"));
    Map<String, Object> so = kind(podIdentity, "ScaledObject");
    assertThat(at(so, "spec", "triggers", "0", "type")).isEqualTo("aws-sqs-queue");
    assertThat(at(so, "spec", "triggers", "0", "metadata", "queueURL"))
        .isEqualTo("https://sqs.us-east-1.amazonaws.com/123456789012/aws2azmsgs");
    assertThat(at(kind(podIdentity, "TriggerAuthentication"), "spec", "podIdentity"))
        .isEqualTo(Map.of("provider", "aws", "identityOwner", "keda"));
    assertThat(kinds(podIdentity)).contains("NodePool", "EC2NodeClass");
    assertThat(podIdentity.warnings()).noneMatch(f -> f.check().equals("placeholder"));
    assertThat(render(Target.EKS, null).warnings()).anyMatch(f -> f.check().equals("placeholder"));
  }

  @Test
  void spot_or_on_demand_capacity_is_a_choice() {
    Rendering onDemand = render(Target.EKS, "nodes: {capacity: on-demand}\n");

    assertThat(at(kind(onDemand, "NodePool"), "spec", "template", "spec", "requirements", "0"))
        .isEqualTo(
            Map.of(
                "key",
                "karpenter.sh/capacity-type",
                "operator",
                "In",
                "values",
                List.of("on-demand")));
    assertThatThrownBy(() -> render(Target.EKS, "nodes: {capacity: cheap}\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nodes.capacity must be spot or on-demand");
  }

  @Test
  void a_redis_queue_gets_a_password_a_cluster_ip_service_and_a_policy_admitting_the_workers() {
    Rendering r = render(Target.K8S, null);

    assertThat(kinds(r)).contains("Service", "NetworkPolicy").doesNotContain("NodePool");
    assertThat(r.yaml()).doesNotContain("LoadBalancer");
    assertThat(at(kind(r, "Service"), "spec", "type")).isEqualTo("ClusterIP");
    Map<String, Object> redis =
        r.objects().stream()
            .filter(o -> "Deployment".equals(o.get("kind")))
            .filter(o -> "edw-redis".equals(at(o, "metadata", "name")))
            .findFirst()
            .orElseThrow();
    Object container = at(redis, "spec", "template", "spec", "containers", "0");
    assertThat((List<Object>) at(container, "args"))
        .containsSubsequence("--requirepass", "$(REDIS_PASSWORD)");
    assertThat(at(container, "env", "0", "valueFrom", "secretKeyRef", "name"))
        .isEqualTo("edw-redis");
    Map<String, Object> policy = kind(r, "NetworkPolicy");
    assertThat(at(policy, "spec", "podSelector", "matchLabels", "app")).isEqualTo("edw-redis");
    assertThat(at(policy, "spec", "ingress", "0", "from", "0", "podSelector", "matchLabels"))
        .isEqualTo(Map.of("app", "aqs-app"));
    Map<String, Object> so = kind(r, "ScaledObject");
    assertThat(at(so, "spec", "triggers", "0", "type")).isEqualTo("redis");
    assertThat(at(so, "spec", "triggers", "0", "metadata", "address"))
        .isEqualTo("edw-redis.aqs-demo.svc:6379");
    assertThat(at(kind(r, "TriggerAuthentication"), "spec", "secretTargetRef", "0", "parameter"))
        .isEqualTo("password");
  }

  @Test
  void job_mode_renders_a_scaled_job_instead_of_a_deployment() {
    Rendering r = render(Target.AKS, "mode: job\n");

    assertThat(kinds(r)).contains("ScaledJob").doesNotContain("Deployment", "ScaledObject");
    Map<String, Object> job = kind(r, "ScaledJob");
    assertThat(at(job, "spec", "jobTargetRef", "template", "spec", "restartPolicy"))
        .isEqualTo("Never");
    assertThat(at(job, "spec", "jobTargetRef", "template", "spec", "containers", "0", "args", "0"))
        .isEqualTo("job");
  }

  @Test
  void an_embedded_sqlite_queue_cannot_be_deployed() {
    assertThatThrownBy(() -> render(Target.K8S, "queue: sqlite:edw-data/edw.db#orders\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("embedded SQLite queue")
        .hasMessageContaining("cannot be shared");
    assertThatThrownBy(() -> render(Target.K8S, "queue: orders\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("embedded SQLite queue");
  }

  @Test
  void a_replica_kept_running_keeps_the_activation_threshold_without_a_warning() {
    Rendering r = render(Target.AKS, "scaling: {minReplicaCount: 1}\n");

    assertThat(
            at(
                kind(r, "ScaledObject"),
                "spec",
                "triggers",
                "0",
                "metadata",
                "activationQueueLength"))
        .isEqualTo("20");
    assertThat(r.warnings()).noneMatch(f -> f.check().equals("strands"));
  }

  @Test
  void the_seeds_short_cooldown_is_reported_as_flapping_by_the_simulators_checks() {
    Rendering seed = render(Target.AKS, null);
    Rendering calm = render(Target.AKS, "scaling: {cooldownPeriod: 300}\n");

    assertThat(seed.warnings()).anyMatch(f -> f.check().equals("flaps"));
    assertThat(calm.warnings()).noneMatch(f -> f.check().equals("flaps"));
  }

  @Test
  void unknown_keys_and_bad_yaml_name_the_problem() {
    assertThatThrownBy(() -> render(Target.AKS, "namespce: x\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("namespce");
    assertThatThrownBy(() -> render(Target.AKS, "scaling: [1, 2\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> render(Target.AKS, "name: Not_A_Label\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("name must be a DNS label");
    assertThatThrownBy(() -> Target.parse("gke"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("use aks, eks or k8s");
  }
}
