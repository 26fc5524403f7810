package dev.edw.scaling.spec;

/**
 * One HPA scaling policy.
 *
 * @param type {@code Pods} or {@code Percent}
 */
public record PolicySpec(String type, int value, int periodSeconds) {
  public static final String PODS = "Pods";
  public static final String PERCENT = "Percent";

  public PolicySpec {
    if (!PODS.equals(type) && !PERCENT.equals(type)) {
      throw new IllegalArgumentException("policy type must be Pods or Percent: " + type);
    }
    if (value <= 0 || periodSeconds <= 0 || periodSeconds > 1800) {
      throw new IllegalArgumentException(
          "policy needs value > 0 and 0 < periodSeconds <= 1800, got "
              + value
              + "/"
              + periodSeconds);
    }
  }
}
