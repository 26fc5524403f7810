package dev.edw.deploy;

import static dev.edw.deploy.Yaml.map;

import java.util.List;
import java.util.Map;

/**
 * The in-cluster Redis of seed 004, locked down: a password from a Secret (never rendered: the user
 * creates it), a ClusterIP Service only, and a NetworkPolicy that admits the workers and KEDA's
 * operator (which reads the list's length) on 6379 and nothing else.
 */
final class RedisObjects {
  static final int PORT = 6379;
  static final long REDIS_UID = 999;

  private final DeployConfig config;
  private final String service;

  RedisObjects(DeployConfig config, String service) {
    this.config = config;
    this.service = service;
  }

  private Map<String, Object> selector() {
    return map("app", service);
  }

  Map<String, Object> deployment() {
    Map<String, Object> container =
        map(
            "name",
            "redis",
            "image",
            config.redis().image(),
            "args",
            List.of(
                "--requirepass",
                "$(REDIS_PASSWORD)",
                "--protected-mode",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no"),
            "env",
            List.of(
                map(
                    "name",
                    WorkloadObjects.REDIS_PASSWORD_ENV,
                    "valueFrom",
                    map("secretKeyRef", map("name", config.redis().secret(), "key", "password")))),
            "ports",
            List.of(map("name", "redis", "containerPort", PORT)),
            "readinessProbe",
            map("tcpSocket", map("port", "redis"), "periodSeconds", 5),
            "resources",
            map(
                "requests",
                map("cpu", "100m", "memory", "64Mi"),
                "limits",
                map("cpu", "500m", "memory", "256Mi")),
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
            List.of(map("name", "data", "mountPath", "/data")));
    return map(
        "apiVersion",
        "apps/v1",
        "kind",
        "Deployment",
        "metadata",
        map("name", service, "namespace", config.namespace(), "labels", selector()),
        "spec",
        map(
            "replicas",
            1,
            "selector",
            map("matchLabels", selector()),
            "template",
            map(
                "metadata",
                map("labels", selector()),
                "spec",
                map(
                    "automountServiceAccountToken",
                    false,
                    "securityContext",
                    map(
                        "runAsNonRoot",
                        true,
                        "runAsUser",
                        REDIS_UID,
                        "runAsGroup",
                        REDIS_UID,
                        "fsGroup",
                        REDIS_UID,
                        "seccompProfile",
                        map("type", "RuntimeDefault")),
                    "containers",
                    List.of(container),
                    "volumes",
                    List.of(map("name", "data", "emptyDir", map()))))));
  }

  Map<String, Object> service() {
    return map(
        "apiVersion",
        "v1",
        "kind",
        "Service",
        "metadata",
        map("name", service, "namespace", config.namespace()),
        "spec",
        map(
            "type",
            "ClusterIP",
            "selector",
            selector(),
            "ports",
            List.of(map("name", "redis", "port", PORT, "targetPort", "redis"))));
  }

  Map<String, Object> networkPolicy() {
    Map<String, Object> workers = map("podSelector", map("matchLabels", map("app", config.name())));
    Map<String, Object> keda =
        map(
            "namespaceSelector",
            map(),
            "podSelector",
            map("matchLabels", map("app.kubernetes.io/name", "keda-operator")));
    return map(
        "apiVersion",
        "networking.k8s.io/v1",
        "kind",
        "NetworkPolicy",
        "metadata",
        map("name", service + "-ingress", "namespace", config.namespace()),
        "spec",
        map(
            "podSelector",
            map("matchLabels", selector()),
            "policyTypes",
            List.of("Ingress"),
            "ingress",
            List.of(
                map(
                    "from",
                    List.of(workers, keda),
                    "ports",
                    List.of(map("protocol", "TCP", "port", PORT))))));
  }
}
