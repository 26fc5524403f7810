package dev.edw.scaling.engine;

import dev.edw.scaling.spec.BehaviorSpec;
import dev.edw.scaling.spec.PolicySpec;
import dev.edw.scaling.spec.RulesSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HPA behavior with the defaults Kubernetes fills in once {@code behavior} is set ({@code
 * pkg/apis/autoscaling/v2/defaults.go} {@code GenerateHPAScaleUpRules} / {@code
 * GenerateHPAScaleDownRules}): scale up with no window, the larger of 4 pods or 100% per 15 s;
 * scale down with the controller's 300 s window, 100% per 15 s; selectPolicy Max.
 *
 * <p>KEDA's {@code paused-scale-in} / {@code paused-scale-out} annotations set the scale-down /
 * scale-up selectPolicy to Disabled, creating a behavior when there was none ({@code
 * controllers/keda/hpa.go} {@code newHPAForScaledObject}).
 */
public record HpaBehavior(Direction up, Direction down) {
  public static final int DEFAULT_DOWNSCALE_WINDOW_SECONDS = 300;
  public static final double DEFAULT_TOLERANCE = 0.1;
  public static final List<PolicySpec> DEFAULT_UP_POLICIES =
      List.of(new PolicySpec(PolicySpec.PODS, 4, 15), new PolicySpec(PolicySpec.PERCENT, 100, 15));
  public static final List<PolicySpec> DEFAULT_DOWN_POLICIES =
      List.of(new PolicySpec(PolicySpec.PERCENT, 100, 15));

  /** One direction's effective rules. */
  public record Direction(
      int windowSeconds, String selectPolicy, List<PolicySpec> policies, double tolerance) {
    public boolean disabled() {
      return RulesSpec.DISABLED.equals(selectPolicy);
    }
  }

  /** The effective behavior, or empty when the HPA runs without one (the classic rules). */
  public static Optional<HpaBehavior> of(
      Optional<BehaviorSpec> behavior, Map<String, String> annotations) {
    boolean pauseIn = Annotations.bool(annotations, Annotations.PAUSED_SCALE_IN);
    boolean pauseOut = Annotations.bool(annotations, Annotations.PAUSED_SCALE_OUT);
    if (behavior.isEmpty() && !pauseIn && !pauseOut) {
      return Optional.empty();
    }
    Optional<RulesSpec> up = behavior.flatMap(BehaviorSpec::scaleUp);
    Optional<RulesSpec> down = behavior.flatMap(BehaviorSpec::scaleDown);
    Direction u = direction(up, 0, DEFAULT_UP_POLICIES, pauseOut);
    Direction d = direction(down, DEFAULT_DOWNSCALE_WINDOW_SECONDS, DEFAULT_DOWN_POLICIES, pauseIn);
    return Optional.of(new HpaBehavior(u, d));
  }

  private static Direction direction(
      Optional<RulesSpec> rules, int window, List<PolicySpec> policies, boolean disabled) {
    String select =
        disabled
            ? RulesSpec.DISABLED
            : rules.flatMap(RulesSpec::selectPolicy).orElse(RulesSpec.MAX);
    return new Direction(
        rules.flatMap(RulesSpec::stabilizationWindowSeconds).orElse(window),
        select,
        rules.flatMap(RulesSpec::policies).filter(p -> !p.isEmpty()).orElse(policies),
        rules.flatMap(RulesSpec::tolerance).orElse(DEFAULT_TOLERANCE));
  }
}
