package dev.edw.scaling.spec;

import java.util.Optional;

/**
 * {@code advanced.scalingModifiers}: one formula over trigger names replaces the triggers' metrics.
 *
 * @param target the composite metric's target
 * @param activationTarget empty means 0
 * @param metricType {@code AverageValue} (default) or {@code Value}
 */
public record ScalingModifiersSpec(
    String formula, double target, Optional<Double> activationTarget, String metricType) {}
