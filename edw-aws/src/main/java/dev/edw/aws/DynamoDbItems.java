package dev.edw.aws;

import dev.edw.api.InvalidInputException;
import dev.edw.api.table.Entity;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How an {@link Entity} is stored as a DynamoDB item.
 *
 * <ul>
 *   <li>{@code id} (S, partition key) holds {@link Entity#partitionKey()}; {@code rk} (S, sort key)
 *       holds {@link Entity#rowKey()}.
 *   <li>A String property is S, a Boolean is BOOL, a Long or a Double is N. DynamoDB keeps no
 *       difference between 42 and 42.0, so the names of Double properties are listed in the string
 *       set {@code edwDoubles} (left out when there are none); an N not listed there reads back as
 *       a Long when it is integral, else as a Double.
 *   <li>The property {@code dateStamp} is stored as the attribute {@code destStamp}, the name the
 *       AWS workload's items use, and read back as {@code dateStamp}.
 * </ul>
 *
 * <p>Property names {@code id}, {@code rk}, {@code edwDoubles} and {@code destStamp} are refused.
 * Attributes of other types (lists, maps, sets, binary, null) written by other tools are skipped on
 * read.
 */
final class DynamoDbItems {
  static final String PARTITION_KEY = "id";
  static final String SORT_KEY = "rk";
  static final String DOUBLES = "edwDoubles";
  static final String DATE_STAMP_PROPERTY = "dateStamp";
  static final String DATE_STAMP_ATTRIBUTE = "destStamp";

  private static final Set<String> RESERVED =
      Set.of(PARTITION_KEY, SORT_KEY, DOUBLES, DATE_STAMP_ATTRIBUTE);

  private DynamoDbItems() {}

  /** The primary key of an entity. */
  static Map<String, AttributeValue> key(String partitionKey, String rowKey) {
    return Map.of(
        PARTITION_KEY, AttributeValue.fromS(partitionKey), SORT_KEY, AttributeValue.fromS(rowKey));
  }

  /** The item for {@code entity}; fails with {@link InvalidInputException} on a reserved name. */
  static Map<String, AttributeValue> toItem(Entity entity) {
    Map<String, AttributeValue> item =
        new LinkedHashMap<>(key(entity.partitionKey(), entity.rowKey()));
    Set<String> doubles = new HashSet<>();
    for (Map.Entry<String, Object> e : entity.properties().entrySet()) {
      String property = e.getKey();
      if (RESERVED.contains(property)) {
        throw new InvalidInputException(
            "property '"
                + property
                + "' of entity ("
                + entity.partitionKey()
                + ", "
                + entity.rowKey()
                + ") has a name DynamoDB items of edw keep for themselves: "
                + RESERVED
                + " (write destStamp as dateStamp)");
      }
      String attribute = property.equals(DATE_STAMP_PROPERTY) ? DATE_STAMP_ATTRIBUTE : property;
      item.put(attribute, value(property, e.getValue()));
      if (e.getValue() instanceof Double) {
        doubles.add(attribute);
      }
    }
    if (!doubles.isEmpty()) {
      item.put(DOUBLES, AttributeValue.fromSs(List.copyOf(doubles)));
    }
    return item;
  }

  private static AttributeValue value(String property, Object value) {
    return switch (value) {
      case String s -> AttributeValue.fromS(s);
      case Boolean b -> AttributeValue.fromBool(b);
      case Long l -> AttributeValue.fromN(Long.toString(l));
      case Double d -> {
        if (d.isNaN() || d.isInfinite()) {
          throw new InvalidInputException(
              "property '" + property + "' is " + d + ", which DynamoDB cannot store");
        }
        yield AttributeValue.fromN(BigDecimal.valueOf(d).toPlainString());
      }
      default ->
          throw new InvalidInputException(
              "property '" + property + "' has a value of an unsupported type");
    };
  }

  /** The entity of an item written by edw or by another tool with the same key names. */
  static Entity toEntity(Map<String, AttributeValue> item) {
    Set<String> doubles = item.containsKey(DOUBLES) ? Set.copyOf(item.get(DOUBLES).ss()) : Set.of();
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      String attribute = e.getKey();
      if (attribute.equals(PARTITION_KEY)
          || attribute.equals(SORT_KEY)
          || attribute.equals(DOUBLES)) {
        continue;
      }
      Object value = value(e.getValue(), doubles.contains(attribute));
      if (value != null) {
        String property = attribute.equals(DATE_STAMP_ATTRIBUTE) ? DATE_STAMP_PROPERTY : attribute;
        properties.put(property, value);
      }
    }
    return new Entity(text(item, PARTITION_KEY), text(item, SORT_KEY), properties);
  }

  private static String text(Map<String, AttributeValue> item, String key) {
    AttributeValue v = item.get(key);
    if (v == null || v.s() == null) {
      throw new IllegalStateException("an item has no string key '" + key + "'");
    }
    return v.s();
  }

  private static Object value(AttributeValue v, boolean isDouble) {
    if (v.s() != null) {
      return v.s();
    }
    if (v.bool() != null) {
      return v.bool();
    }
    if (v.n() != null) {
      if (isDouble) {
        return Double.parseDouble(v.n());
      }
      BigDecimal number = new BigDecimal(v.n());
      try {
        return number.longValueExact();
      } catch (ArithmeticException notALong) {
        return number.doubleValue();
      }
    }
    return null;
  }
}
