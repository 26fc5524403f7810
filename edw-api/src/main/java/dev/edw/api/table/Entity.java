package dev.edw.api.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row: the two keys and its properties. Property values are {@link String}, {@link Long},
 * {@link Double} or {@link Boolean}; an {@link Integer} is kept as a {@code Long}.
 *
 * @param partitionKey the partition (Azure PartitionKey; DynamoDB partition key)
 * @param rowKey the row within the partition (Azure RowKey; DynamoDB sort key)
 * @param properties named values, in a stable order
 */
public record Entity(String partitionKey, String rowKey, Map<String, Object> properties) {
  public Entity {
    Objects.requireNonNull(partitionKey, "'partitionKey' cannot be null.");
    Objects.requireNonNull(rowKey, "'rowKey' cannot be null.");
    Objects.requireNonNull(properties, "'properties' cannot be null.");
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : properties.entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), "property names cannot be null"), check(e));
    }
    properties = Collections.unmodifiableMap(copy);
  }

  private static Object check(Map.Entry<String, Object> e) {
    Object v = e.getValue();
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return v;
    }
    throw new IllegalArgumentException(
        "property '" + e.getKey() + "' must be a String, Long, Double or Boolean, not " + v);
  }

  /** A property as text, or null. */
  public String getString(String name) {
    Object v = properties.get(name);
    return v == null ? null : v.toString();
  }
}
