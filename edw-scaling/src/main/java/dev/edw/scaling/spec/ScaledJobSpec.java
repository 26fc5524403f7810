package dev.edw.scaling.spec;

import java.util.List;
import java.util.Map;

/**
 * A keda.sh/v1alpha1 ScaledJob, with KEDA's defaults applied (see {@code
 * apis/keda/v1alpha1/scaledjob_types.go}). {@code maxReplicaCount} defaults to 100, {@code
 * minReplicaCount} to 0.
 */
public record ScaledJobSpec(
    String name,
    Map<String, String> annotations,
    int pollingInterval,
    int minReplicaCount,
    int maxReplicaCount,
    ScalingStrategySpec scalingStrategy,
    List<TriggerSpec> triggers)
    implements KedaObject {
  public static final int DEFAULT_MAX_REPLICA_COUNT = 100;

  public ScaledJobSpec {
    annotations = Map.copyOf(annotations);
    triggers = List.copyOf(triggers);
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("ScaledJob " + name + " has no triggers");
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
  }
}
