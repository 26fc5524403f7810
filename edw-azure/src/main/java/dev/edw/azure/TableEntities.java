package dev.edw.azure;

import com.azure.data.tables.models.TableEntity;
import dev.edw.api.table.Entity;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Converts between edw's {@link Entity} and the SDK's {@link TableEntity}. String, Long
 * (Edm.Int64), Double and Boolean round-trip; an Int32 written by another client reads as a Long,
 * and date, GUID and binary properties read as text (ISO-8601, the GUID, base64).
 */
final class TableEntities {
  private static final Set<String> SYSTEM_PROPERTIES =
      Set.of("PartitionKey", "RowKey", "Timestamp", "odata.etag");

  private static final String TYPE_SUFFIX = "@odata.type";

  private TableEntities() {}

  static TableEntity toTable(Entity entity) {
    TableEntity out = new TableEntity(entity.partitionKey(), entity.rowKey());
    entity
        .properties()
        .forEach(
            (name, value) -> {
              out.addProperty(name, value);
              if (value instanceof Double) {
                // without the annotation a whole number such as 2.0 would read back as a Long
                out.addProperty(name + TYPE_SUFFIX, "Edm.Double");
              }
            });
    return out;
  }

  static Entity fromTable(TableEntity entity) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : entity.getProperties().entrySet()) {
      String key = e.getKey();
      if (SYSTEM_PROPERTIES.contains(key) || key.startsWith("odata.") || key.contains("@odata.")) {
        continue;
      }
      Object value = value(e.getValue());
      if (value instanceof Long l
          && "Edm.Double".equals(entity.getProperties().get(key + TYPE_SUFFIX))) {
        value = l.doubleValue();
      }
      if (value != null) {
        properties.put(key, value);
      }
    }
    return new Entity(entity.getPartitionKey(), entity.getRowKey(), properties);
  }

  private static Object value(Object v) {
    return switch (v) {
      case null -> null;
      case String s -> s;
      case Long l -> l;
      case Integer i -> i.longValue();
      case Double d -> d;
      case Float f -> f.doubleValue();
      case Boolean b -> b;
      case OffsetDateTime t -> t.toString();
      case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
      default -> v.toString();
    };
  }
}
