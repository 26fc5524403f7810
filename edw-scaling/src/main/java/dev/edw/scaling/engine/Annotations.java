package dev.edw.scaling.engine;

import java.util.Map;
import java.util.Optional;

/**
 * KEDA's pause annotations ({@code apis/keda/v1alpha1/scaledobject_types.go}): a boolean annotation
 * whose value does not parse as a boolean counts as true ({@code getBoolAnnotation}).
 */
public final class Annotations {
  public static final String PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";
  public static final String PAUSED = "autoscaling.keda.sh/paused";
  public static final String PAUSED_SCALE_IN = "autoscaling.keda.sh/paused-scale-in";
  public static final String PAUSED_SCALE_OUT = "autoscaling.keda.sh/paused-scale-out";
  public static final String FORCE_ACTIVATION = "autoscaling.keda.sh/force-activation";

  private Annotations() {}

  /** The annotation as a boolean, following {@code getBoolAnnotation}. */
  public static boolean bool(Map<String, String> annotations, String key) {
    String v = annotations.get(key);
    if (v == null) {
      return false;
    }
    return switch (v.trim()) {
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> true;
    };
  }

  /** {@code paused-replicas} as a number ({@code GetPausedReplicaCount}). */
  public static Optional<Integer> pausedReplicas(Map<String, String> annotations) {
    String v = annotations.get(PAUSED_REPLICAS);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PAUSED_REPLICAS + " must be an integer, got '" + v + "'");
    }
  }

  /** Whether KEDA's loop and the HPA are both stopped ({@code NeedToBePausedByAnnotation}). */
  public static boolean paused(Map<String, String> annotations) {
    return annotations.containsKey(PAUSED_REPLICAS) || bool(annotations, PAUSED);
  }
}
