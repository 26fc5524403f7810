package dev.edw.scaling.engine;

/**
 * One external metric as the HPA reads it from KEDA's metrics server.
 *
 * @param name the trigger (or {@code composite} under scalingModifiers)
 * @param value the metric value; ignored when {@code failed}
 * @param failed the read returned an error (a failing trigger with no fallback in force)
 * @param averageValue {@code AverageValue} target (true) or {@code Value} (false)
 * @param target the target value
 */
public record HpaMetric(
    String name, double value, boolean failed, boolean averageValue, double target) {}
