package dev.edw.deploy;

import static dev.edw.deploy.Yaml.map;
import static dev.edw.deploy.Yaml.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workload's own objects: Namespace, ServiceAccount (bound to the cloud identity), and the pod
 * template that a Deployment or a ScaledJob runs, locked down: non-root, read-only root filesystem,
 * no capabilities, seccomp RuntimeDefault.
 */
final class WorkloadObjects {
  static final String APP_LABEL = "app";
  static final String AZURE_WI_USE = "azure.workload.identity/use";
  static final String AZURE_WI_CLIENT_ID = "azure.workload.identity/client-id";
  static final String IRSA_ROLE_ARN = "eks.amazonaws.com/role-arn";
  static final String REDIS_PASSWORD_ENV = "REDIS_PASSWORD";

  /** The image's non-root user and group (see the Jib configuration). */
  static final long RUN_AS = 10001;

  private final DeployConfig config;
  private final Target target;
  private final QueueTrigger trigger;

  WorkloadObjects(DeployConfig config, Target target, QueueTrigger trigger) {
    this.config = config;
    this.target = target;
    this.trigger = trigger;
  }

  Map<String, Object> namespace() {
    return object(
        "v1",
        "Namespace",
        map(
            "name",
            config.namespace(),
            "labels",
            map(
                "pod-security.kubernetes.io/enforce",
                "restricted",
                "pod-security.kubernetes.io/enforce-version",
                "latest")));
  }

  Map<String, Object> serviceAccount() {
    Map<String, Object> annotations =
        switch (target) {
          case AKS -> map(AZURE_WI_CLIENT_ID, config.identity().azureClientId());
          case EKS ->
              config.identity().awsRoleArn() == null
                  ? null
                  : map(IRSA_ROLE_ARN, config.identity().awsRoleArn());
          case K8S -> null;
        };
    return map(
        "apiVersion",
        "v1",
        "kind",
        "ServiceAccount",
        "metadata",
        map(
            "name",
            config.serviceAccount(),
            "namespace",
            config.namespace(),
            "annotations",
            annotations));
  }

  Map<String, Object> deployment() {
    return map(
        "apiVersion",
        "apps/v1",
        "kind",
        "Deployment",
        "metadata",
        map("name", config.name(), "namespace", config.namespace(), "labels", labels()),
        "spec",
        map(
            "selector",
            map("matchLabels", map(APP_LABEL, config.name())),
            "template",
            podTemplate(false)));
  }

  Map<String, Object> labels() {
    return map(APP_LABEL, config.name(), "app.kubernetes.io/part-of", "edw");
  }

  /** The pod template; a job's restarts never and has no probes or scrape port. */
  Map<String, Object> podTemplate(boolean job) {
    Map<String, Object> podLabels = labels();
    if (target == Target.AKS) {
      podLabels.put(AZURE_WI_USE, "true");
    }
    Map<String, Object> annotations =
        job
            ? null
            : map(
                "prometheus.io/scrape",
                "true",
                "prometheus.io/port",
                String.valueOf(config.metricsPort()),
                "prometheus.io/path",
                "/metrics");
    Map<String, Object> spec =
        map(
            "serviceAccountName",
            config.serviceAccount(),
            "restartPolicy",
            job ? "Never" : null,
            "terminationGracePeriodSeconds",
            config.gracePeriodSeconds(),
            "securityContext",
            map(
                "runAsNonRoot",
                true,
                "runAsUser",
                RUN_AS,
                "runAsGroup",
                RUN_AS,
                "fsGroup",
                RUN_AS,
                "seccompProfile",
                map("type", "RuntimeDefault")),
            "nodeSelector",
            config.nodes().enabled() && target != Target.K8S
                ? map("karpenter.sh/nodepool", config.nodes().pool())
                : null,
            "tolerations",
            spotTolerations(),
            "containers",
            List.of(container(job)),
            "volumes",
            List.of(map("name", "tmp", "emptyDir", map("sizeLimit", "64Mi"))));
    return map("metadata", map("labels", podLabels, "annotations", annotations), "spec", spec);
  }

  private List<Object> spotTolerations() {
    if (target == Target.AKS
        && config.nodes().enabled()
        && "spot".equals(config.nodes().capacity())) {
      return List.of(
          map(
              "key",
              "kubernetes.azure.com/scalesetpriority",
              "operator",
              "Equal",
              "value",
              "spot",
              "effect",
              "NoSchedule"));
    }
    return null;
  }

  private Map<String, Object> container(boolean job) {
    DeployConfig.Resources r = config.resources();
    Map<String, Object> probe = job ? null : probe("/healthz");
    return map(
        "name",
        "edw",
        "image",
        config.image(),
        "args",
        args(job),
        "env",
        env(),
        "ports",
        job ? null : List.of(map("name", "http", "containerPort", config.metricsPort())),
        "livenessProbe",
        probe,
        "readinessProbe",
        job ? null : probe("/readyz"),
        "resources",
        map(
            "requests",
            map("cpu", r.requests().cpu(), "memory", r.requests().memory()),
            "limits",
            map("cpu", r.limits().cpu(), "memory", r.limits().memory())),
        "securityContext",
        map(
            "allowPrivilegeEscalation",
            false,
            "readOnlyRootFilesystem",
            true,
            "runAsNonRoot",
            true,
            "capabilities",
            map("drop", List.of("ALL"))),
        "volumeMounts",
        List.of(map("name", "tmp", "mountPath", "/tmp")));
  }

  private Map<String, Object> probe(String path) {
    return map(
        "httpGet",
        map("path", path, "port", "http"),
        "periodSeconds",
        10,
        "failureThreshold",
        3,
        "timeoutSeconds",
        2);
  }

  List<String> args(boolean job) {
    List<String> args = new ArrayList<>();
    args.add(job ? "job" : "consume");
    args.addAll(List.of("--queue", config.queue(), "--table", config.table()));
    args.addAll(List.of("--processor", config.processor()));
    args.addAll(List.of("--drain-timeout", config.drainTimeoutSeconds() + "s"));
    if (!job) {
      args.addAll(List.of("--metrics-port", String.valueOf(config.metricsPort())));
    }
    args.addAll(config.args());
    return args;
  }

  private List<Object> env() {
    if (!trigger.redis()) {
      return null;
    }
    return List.of(
        map(
            "name",
            REDIS_PASSWORD_ENV,
            "valueFrom",
            map("secretKeyRef", map("name", config.redis().secret(), "key", "password"))));
  }
}
