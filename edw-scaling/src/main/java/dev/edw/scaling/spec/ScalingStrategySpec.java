package dev.edw.scaling.spec;

/**
 * {@code spec.scalingStrategy} of a ScaledJob.
 *
 * @param strategy {@code default}, {@code custom}, {@code accurate} or {@code eager}
 * @param customScalingQueueLengthDeduction for {@code custom}
 * @param customScalingRunningJobPercentage for {@code custom}; without it KEDA falls back to the
 *     default strategy
 * @param multipleScalersCalculation {@code max} (default), {@code min}, {@code avg} or {@code sum}
 */
public record ScalingStrategySpec(
    String strategy,
    int customScalingQueueLengthDeduction,
    java.util.Optional<Double> customScalingRunningJobPercentage,
    String multipleScalersCalculation) {
  public static final ScalingStrategySpec DEFAULT =
      new ScalingStrategySpec("default", 0, java.util.Optional.empty(), "max");

  public ScalingStrategySpec {
    if (!java.util.List.of("default", "custom", "accurate", "eager").contains(strategy)) {
      throw new IllegalArgumentException("unknown scalingStrategy.strategy: " + strategy);
    }
    if (!java.util.List.of("max", "min", "avg", "sum").contains(multipleScalersCalculation)) {
      throw new IllegalArgumentException(
          "unknown multipleScalersCalculation: " + multipleScalersCalculation);
    }
  }
}
