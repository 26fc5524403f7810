package dev.edw.deploy;

import static dev.edw.deploy.Yaml.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KEDA's objects: a ScaledObject on the Deployment (or a ScaledJob of the pod template) with the
 * queue's trigger, and the TriggerAuthentication the trigger names.
 */
final class ScalingObjects {
  static final String KEDA_API = "keda.sh/v1alpha1";

  private final DeployConfig config;
  private final QueueTrigger trigger;
  private final DeployConfig.Scaling scaling;

  /** {@code scaling} is the config's, after the render's fixes. */
  ScalingObjects(DeployConfig config, QueueTrigger trigger, DeployConfig.Scaling scaling) {
    this.config = config;
    this.trigger = trigger;
    this.scaling = scaling;
  }

  String authName() {
    return config.name() + "-keda-auth";
  }

  Map<String, Object> triggerAuthentication() {
    return map(
        "apiVersion",
        KEDA_API,
        "kind",
        "TriggerAuthentication",
        "metadata",
        map("name", authName(), "namespace", config.namespace()),
        "spec",
        trigger.authSpec());
  }

  Map<String, Object> scaledObject() {
    return map(
        "apiVersion",
        KEDA_API,
        "kind",
        "ScaledObject",
        "metadata",
        map("name", config.name() + "-scaler", "namespace", config.namespace()),
        "spec",
        map(
            "scaleTargetRef",
            map("name", config.name()),
            "minReplicaCount",
            scaling.minReplicaCount(),
            "maxReplicaCount",
            scaling.maxReplicaCount(),
            "pollingInterval",
            scaling.pollingInterval(),
            "cooldownPeriod",
            scaling.cooldownPeriod(),
            "triggers",
            triggers()));
  }

  Map<String, Object> scaledJob(Map<String, Object> podTemplate) {
    return map(
        "apiVersion",
        KEDA_API,
        "kind",
        "ScaledJob",
        "metadata",
        map("name", config.name(), "namespace", config.namespace()),
        "spec",
        map(
            "jobTargetRef",
            map("backoffLimit", 2, "template", podTemplate),
            "pollingInterval",
            scaling.pollingInterval(),
            "minReplicaCount",
            scaling.minReplicaCount(),
            "maxReplicaCount",
            scaling.maxReplicaCount(),
            "successfulJobsHistoryLimit",
            3,
            "failedJobsHistoryLimit",
            3,
            "triggers",
            triggers()));
  }

  private List<Object> triggers() {
    Map<String, Object> metadata = new LinkedHashMap<>(trigger.metadata());
    metadata.put(trigger.lengthKey(), String.valueOf(scaling.queueLength()));
    metadata.put(trigger.activationKey(), String.valueOf(scaling.activationQueueLength()));
    return List.of(
        map(
            "type",
            trigger.type(),
            "authenticationRef",
            map("name", authName()),
            "metadata",
            metadata));
  }
}
