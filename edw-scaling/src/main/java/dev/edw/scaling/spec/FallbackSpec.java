package dev.edw.scaling.spec;

/**
 * {@code spec.fallback} of a ScaledObject.
 *
 * @param behavior {@code static} (default), {@code currentReplicas}, {@code
 *     currentReplicasIfHigher} or {@code currentReplicasIfLower}
 */
public record FallbackSpec(int failureThreshold, int replicas, String behavior) {
  public static final String STATIC = "static";
  public static final String CURRENT_REPLICAS = "currentReplicas";
  public static final String CURRENT_REPLICAS_IF_HIGHER = "currentReplicasIfHigher";
  public static final String CURRENT_REPLICAS_IF_LOWER = "currentReplicasIfLower";

  public FallbackSpec {
    if (!java.util.Set.of(
            STATIC, CURRENT_REPLICAS, CURRENT_REPLICAS_IF_HIGHER, CURRENT_REPLICAS_IF_LOWER)
        .contains(behavior)) {
      throw new IllegalArgumentException("unknown fallback behavior: " + behavior);
    }
    if (failureThreshold < 0 || replicas < 0) {
      throw new IllegalArgumentException("fallback failureThreshold and replicas must be >= 0");
    }
  }
}
