package dev.edw.scaling.spec;

import java.util.List;
import java.util.Optional;

/**
 * One direction of an HPA behavior ({@code HPAScalingRules}); empty fields take the HPA's defaults.
 *
 * @param selectPolicy {@code Max}, {@code Min} or {@code Disabled}
 * @param tolerance per-direction tolerance (Kubernetes 1.35+), empty for the global 0.1
 */
public record RulesSpec(
    Optional<Integer> stabilizationWindowSeconds,
    Optional<String> selectPolicy,
    Optional<List<PolicySpec>> policies,
    Optional<Double> tolerance) {
  public static final String MAX = "Max";
  public static final String MIN = "Min";
  public static final String DISABLED = "Disabled";

  public RulesSpec {
    selectPolicy.ifPresent(
        p -> {
          if (!List.of(MAX, MIN, DISABLED).contains(p)) {
            throw new IllegalArgumentException("selectPolicy must be Max, Min or Disabled: " + p);
          }
        });
    policies = policies.map(List::copyOf);
  }
}
