package dev.edw.scaling.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * One run of a scaling rule: one line of a timeline file.
 *
 * @param t seconds since the scaled object was created
 * @param source {@code keda} (the polling loop, 0 to 1 and back) or {@code hpa} (1 to N)
 * @param metric the metric the rule looked at (the deciding trigger's, or the composite)
 * @param active whether KEDA saw the triggers active (for {@code hpa}: whether the metric is above
 *     activation)
 * @param current replicas before the rule ran (for a ScaledJob: running jobs)
 * @param desired replicas after (for a ScaledJob: jobs to create)
 * @param reason the rule and its numbers, e.g. {@code hpa: ceil(57/5)=12, ...}
 */
public record Evaluation(
    long t, String source, double metric, boolean active, int current, int desired, String reason) {
  public static final String KEDA = "keda";
  public static final String HPA = "hpa";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Whether the rule changed the replica count. */
  public boolean scaled() {
    return current != desired;
  }

  /** The timeline line: {@code {"t":..,"source":..,"metric":..,"active":..,"current":..,...}}. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a timeline line back (extra fields are ignored). */
  public static Evaluation fromJson(String line) {
    try {
      var n = JSON.readTree(line);
      return new Evaluation(
          n.path("t").asLong(),
          n.path("source").asText(),
          n.path("metric").asDouble(),
          n.path("active").asBoolean(),
          n.path("current").asInt(),
          n.path("desired").asInt(),
          n.path("reason").asText());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a timeline line: " + line, e);
    }
  }
}
