package dev.edw.processors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edw.api.table.Entity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows the user's code answers with into entities. A row is a JSON object with string
 * {@code PartitionKey} and {@code RowKey} and other properties that are strings, numbers or
 * booleans; anything else is a {@link BadRowException} whose message says what is wrong.
 */
public final class ResultRows {
  public static final String PARTITION_KEY = "PartitionKey";
  public static final String ROW_KEY = "RowKey";

  private ResultRows() {}

  /** The rows of a JSON array; null or a JSON null is no rows. */
  public static List<Entity> fromArray(JsonNode rows) throws BadRowException {
    if (rows == null || rows.isNull() || rows.isMissingNode()) {
      return List.of();
    }
    if (!rows.isArray()) {
      throw new BadRowException("'rows' must be a JSON array of row objects");
    }
    List<Entity> entities = new ArrayList<>(rows.size());
    for (JsonNode row : rows) {
      entities.add(fromObject(row));
    }
    return entities;
  }

  /** One row object. */
  public static Entity fromObject(JsonNode row) throws BadRowException {
    if (!row.isObject()) {
      throw new BadRowException("a row must be a JSON object, not " + abbreviate(row.toString()));
    }
    String partitionKey = key(row, PARTITION_KEY);
    String rowKey = key(row, ROW_KEY);
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : row.properties()) {
      String name = field.getKey();
      if (name.equals(PARTITION_KEY) || name.equals(ROW_KEY)) {
        continue;
      }
      properties.put(name, value(name, field.getValue()));
    }
    return new Entity(partitionKey, rowKey, properties);
  }

  private static String key(JsonNode row, String name) throws BadRowException {
    JsonNode value = row.get(name);
    if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
      throw new BadRowException("a row needs a non-empty string '" + name + "'");
    }
    return value.textValue();
  }

  private static Object value(String name, JsonNode value) throws BadRowException {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    throw new BadRowException(
        "row property '" + name + "' must be a string, number or boolean, not " + value);
  }

  /** At most 200 characters of {@code text}, for reasons. */
  public static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** A row the user's code answered with is not a valid row. */
  public static final class BadRowException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRowException(String reason) {
      super(reason);
    }
  }
}
