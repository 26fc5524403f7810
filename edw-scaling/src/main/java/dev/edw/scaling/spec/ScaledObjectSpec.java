package dev.edw.scaling.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A keda.sh/v1alpha1 ScaledObject, with KEDA's defaults applied (see {@code
 * apis/keda/v1alpha1/scaledobject_types.go}).
 *
 * @param idleReplicaCount empty when not set
 * @param fallback empty when not set
 * @param behavior {@code advanced.horizontalPodAutoscalerConfig.behavior}; empty when not set
 * @param scalingModifiers {@code advanced.scalingModifiers}; empty when not set
 */
public record ScaledObjectSpec(
    String name,
    Map<String, String> annotations,
    int pollingInterval,
    int cooldownPeriod,
    int initialCooldownPeriod,
    int minReplicaCount,
    int maxReplicaCount,
    Optional<Integer> idleReplicaCount,
    Optional<FallbackSpec> fallback,
    Optional<BehaviorSpec> behavior,
    Optional<ScalingModifiersSpec> scalingModifiers,
    List<TriggerSpec> triggers)
    implements KedaObject {
  public static final int DEFAULT_COOLDOWN_PERIOD = 300;
  public static final int DEFAULT_INITIAL_COOLDOWN_PERIOD = 0;
  public static final int DEFAULT_MIN_REPLICA_COUNT = 0;
  public static final int DEFAULT_MAX_REPLICA_COUNT = 100;

  public ScaledObjectSpec {
    annotations = Map.copyOf(annotations);
    triggers = List.copyOf(triggers);
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("ScaledObject " + name + " has no triggers");
    }
    if (pollingInterval <= 0) {
      throw new IllegalArgumentException("pollingInterval must be > 0, got " + pollingInterval);
    }
    if (minReplicaCount < 0 || maxReplicaCount < minReplicaCount) {
      throw new IllegalArgumentException(
          "need 0 <= minReplicaCount <= maxReplicaCount, got min "
              + minReplicaCount
              + ", max "
              + maxReplicaCount);
    }
    if (idleReplicaCount.isPresent() && idleReplicaCount.get() >= minReplicaCount) {
      throw new IllegalArgumentException(
          "idleReplicaCount must be lower than minReplicaCount, got "
              + idleReplicaCount.get()
              + " >= "
              + minReplicaCount);
    }
  }

  /** The HPA's own minimum: KEDA never gives the HPA a minimum below 1. */
  public int hpaMinReplicas() {
    return Math.max(minReplicaCount, 1);
  }
}
