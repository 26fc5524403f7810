package dev.edw.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders of ordered YAML mappings, and the multi-document writer. */
public final class Yaml {
  private static final ObjectMapper WRITER =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .build());

  private Yaml() {}

  /** An ordered mapping of {@code key, value, key, value...}; null values are left out. */
  public static Map<String, Object> map(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }

  /** A Kubernetes object's head: apiVersion, kind and metadata. */
  public static Map<String, Object> object(
      String apiVersion, String kind, Map<String, Object> metadata) {
    return map("apiVersion", apiVersion, "kind", kind, "metadata", metadata);
  }

  /** Documents separated by {@code ---}, each ending in a newline. */
  public static String documents(List<Map<String, Object>> objects) {
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> object : objects) {
      out.append("---\n");
      try {
        String doc = WRITER.writeValueAsString(object);
        out.append(doc);
        if (!doc.endsWith("\n")) {
          out.append('\n');
        }
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write " + object.get("kind"), e);
      }
    }
    return out.toString();
  }
}
