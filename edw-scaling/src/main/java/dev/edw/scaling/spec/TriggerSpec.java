package dev.edw.scaling.spec;

import java.util.Map;

/**
 * One entry of {@code spec.triggers}.
 *
 * @param type e.g. {@code azure-queue}, {@code aws-sqs-queue}, {@code redis}
 * @param name the trigger's {@code name}, or its index ("0", "1", ...) when it has none
 * @param metadata the trigger's metadata, every value as text
 * @param metricType {@code AverageValue} (KEDA's default) or {@code Value}
 * @param useCachedMetrics whether the HPA's metric read is served from the last poll
 */
public record TriggerSpec(
    String type,
    String name,
    Map<String, String> metadata,
    String metricType,
    boolean useCachedMetrics) {
  public static final String AVERAGE_VALUE = "AverageValue";
  public static final String VALUE = "Value";

  public TriggerSpec {
    metadata = Map.copyOf(metadata);
    if (!AVERAGE_VALUE.equals(metricType) && !VALUE.equals(metricType)) {
      throw new IllegalArgumentException(
          "trigger " + name + ": metricType must be AverageValue or Value, got " + metricType);
    }
  }

  /** The metadata value, or {@code fallback} when absent or blank. */
  public String meta(String key, String fallback) {
    String v = metadata.get(key);
    return v == null || v.isBlank() ? fallback : v.trim();
  }
}
