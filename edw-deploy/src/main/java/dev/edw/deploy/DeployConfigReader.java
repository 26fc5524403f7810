package dev.edw.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.edw.api.InvalidInputException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a deploy config: the YAML file's keys laid over the target's defaults, so a file names only
 * what differs. Unknown keys and wrong types are errors that name the key.
 */
public final class DeployConfigReader {
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private DeployConfigReader() {}

  /** The defaults of {@code target} with {@code yaml} (may be empty) laid over them. */
  public static DeployConfig read(Target target, String yaml, String source) {
    ObjectNode merged = YAML.valueToTree(DeployDefaults.of(target));
    JsonNode given;
    try {
      given = yaml == null || yaml.isBlank() ? null : YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(source + " is not valid YAML: " + e.getOriginalMessage());
    }
    if (given != null && !given.isNull()) {
      if (!given.isObject()) {
        throw new InvalidInputException(source + " must be a YAML mapping of settings");
      }
      overlay(merged, (ObjectNode) given);
    }
    try {
      DeployConfig config = YAML.treeToValue(merged, DeployConfig.class);
      DeployConfigRules.check(config, source);
      return config;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(source + ": " + e.getOriginalMessage());
    }
  }

  private static void overlay(ObjectNode base, ObjectNode given) {
    Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode current = base.get(field.getKey());
      if (current instanceof ObjectNode object && field.getValue() instanceof ObjectNode more) {
        overlay(object, more);
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
  }
}
