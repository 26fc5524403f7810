package dev.edw.scaling.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.edw.api.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a keda.sh/v1alpha1 ScaledObject or ScaledJob from YAML text. In a multi-document file (e.g.
 * a ScaledObject with its TriggerAuthentication) the first KEDA scaled object is taken.
 */
public final class KedaYaml {
  private static final YAMLMapper YAML = new YAMLMapper();

  private KedaYaml() {}

  /**
   * Parses the YAML.
   *
   * @throws InvalidInputException when the text is not YAML, holds no ScaledObject/ScaledJob, or a
   *     field is out of range
   */
  public static KedaObject parse(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        JsonNode n = it.nextValue();
        if (n != null && !n.isMissingNode() && !n.isNull()) {
          docs.add(n);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("not valid YAML: " + e.getMessage(), e);
    }
    for (JsonNode doc : docs) {
      String api = doc.path("apiVersion").asText("");
      String kind = doc.path("kind").asText("");
      if (!api.startsWith("keda.sh/")) {
        continue;
      }
      try {
        if ("ScaledObject".equals(kind)) {
          return scaledObject(doc);
        }
        if ("ScaledJob".equals(kind)) {
          return scaledJob(doc);
        }
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(kind + ": " + e.getMessage(), e);
      }
    }
    throw new InvalidInputException(
        "no keda.sh/v1alpha1 ScaledObject or ScaledJob in the YAML ("
            + docs.size()
            + " documents)");
  }

  private static ScaledObjectSpec scaledObject(JsonNode doc) {
    JsonNode spec = doc.path("spec");
    JsonNode advanced = spec.path("advanced");
    return new ScaledObjectSpec(
        doc.path("metadata").path("name").asText("scaledobject"),
        annotations(doc),
        integer(spec, "pollingInterval").orElse(KedaObject.DEFAULT_POLLING_INTERVAL),
        integer(spec, "cooldownPeriod").orElse(ScaledObjectSpec.DEFAULT_COOLDOWN_PERIOD),
        integer(spec, "initialCooldownPeriod")
            .orElse(ScaledObjectSpec.DEFAULT_INITIAL_COOLDOWN_PERIOD),
        integer(spec, "minReplicaCount").orElse(ScaledObjectSpec.DEFAULT_MIN_REPLICA_COUNT),
        integer(spec, "maxReplicaCount").orElse(ScaledObjectSpec.DEFAULT_MAX_REPLICA_COUNT),
        integer(spec, "idleReplicaCount"),
        fallback(spec.path("fallback")),
        behavior(advanced.path("horizontalPodAutoscalerConfig").path("behavior")),
        modifiers(advanced.path("scalingModifiers")),
        triggers(spec.path("triggers")));
  }

  private static ScaledJobSpec scaledJob(JsonNode doc) {
    JsonNode spec = doc.path("spec");
    JsonNode s = spec.path("scalingStrategy");
    ScalingStrategySpec strategy =
        new ScalingStrategySpec(
            s.path("strategy").asText("default"),
            integer(s, "customScalingQueueLengthDeduction").orElse(0),
            number(s, "customScalingRunningJobPercentage"),
            s.path("multipleScalersCalculation").asText("max"));
    return new ScaledJobSpec(
        doc.path("metadata").path("name").asText("scaledjob"),
        annotations(doc),
        integer(spec, "pollingInterval").orElse(KedaObject.DEFAULT_POLLING_INTERVAL),
        integer(spec, "minReplicaCount").orElse(0),
        integer(spec, "maxReplicaCount").orElse(ScaledJobSpec.DEFAULT_MAX_REPLICA_COUNT),
        strategy,
        triggers(spec.path("triggers")));
  }

  private static Map<String, String> annotations(JsonNode doc) {
    Map<String, String> out = new LinkedHashMap<>();
    doc.path("metadata")
        .path("annotations")
        .properties()
        .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static List<TriggerSpec> triggers(JsonNode list) {
    List<TriggerSpec> out = new ArrayList<>();
    int i = 0;
    for (JsonNode t : list) {
      Map<String, String> meta = new LinkedHashMap<>();
      t.path("metadata").properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText()));
      String type = t.path("type").asText("");
      if (type.isBlank()) {
        throw new IllegalArgumentException("trigger " + i + " has no type");
      }
      out.add(
          new TriggerSpec(
              type,
              t.path("name").asText(String.valueOf(i)),
              meta,
              t.path("metricType").asText(TriggerSpec.AVERAGE_VALUE),
              t.path("useCachedMetrics").asBoolean(false)));
      i++;
    }
    return out;
  }

  private static Optional<FallbackSpec> fallback(JsonNode f) {
    if (f.isMissingNode() || f.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        new FallbackSpec(
            integer(f, "failureThreshold").orElse(0),
            integer(f, "replicas").orElse(0),
            f.path("behavior").asText(FallbackSpec.STATIC)));
  }

  private static Optional<BehaviorSpec> behavior(JsonNode b) {
    if (b.isMissingNode() || b.isNull()) {
      return Optional.empty();
    }
    return Optional.of(new BehaviorSpec(rules(b.path("scaleUp")), rules(b.path("scaleDown"))));
  }

  private static Optional<RulesSpec> rules(JsonNode r) {
    if (r.isMissingNode() || r.isNull()) {
      return Optional.empty();
    }
    Optional<List<PolicySpec>> policies = Optional.empty();
    if (r.has("policies")) {
      List<PolicySpec> ps = new ArrayList<>();
      for (JsonNode p : r.path("policies")) {
        ps.add(
            new PolicySpec(
                p.path("type").asText(""),
                p.path("value").asInt(),
                p.path("periodSeconds").asInt()));
      }
      policies = Optional.of(ps);
    }
    return Optional.of(
        new RulesSpec(
            integer(r, "stabilizationWindowSeconds"),
            r.hasNonNull("selectPolicy")
                ? Optional.of(r.path("selectPolicy").asText())
                : Optional.empty(),
            policies,
            number(r, "tolerance")));
  }

  private static Optional<ScalingModifiersSpec> modifiers(JsonNode m) {
    if (m.isMissingNode() || m.isNull() || !m.hasNonNull("formula")) {
      return Optional.empty();
    }
    return Optional.of(
        new ScalingModifiersSpec(
            m.path("formula").asText(),
            number(m, "target")
                .orElseThrow(
                    () -> new IllegalArgumentException("scalingModifiers.target is required")),
            number(m, "activationTarget"),
            m.path("metricType").asText(TriggerSpec.AVERAGE_VALUE)));
  }

  private static Optional<Integer> integer(JsonNode parent, String field) {
    return number(parent, field).map(d -> (int) Math.round(d));
  }

  private static Optional<Double> number(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    if (n.isNumber()) {
      return Optional.of(n.asDouble());
    }
    try {
      return Optional.of(Double.parseDouble(n.asText().trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a number, got '" + n.asText() + "'");
    }
  }
}
