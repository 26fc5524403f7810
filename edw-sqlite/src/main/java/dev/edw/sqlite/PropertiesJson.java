package dev.edw.sqlite;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * Writes an entity's properties as the JSON text the store keeps, the same text as {@link
 * ObjectMapper#writeValueAsString}: strings, numbers, booleans and nulls straight to Jackson's
 * generator, any other value through the mapper. The mapper's way looks up a serializer for every
 * value and cost about 3 us per result on the CLI path's profile; see docs/benchmarks.md.
 */
public final class PropertiesJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PropertiesJson() {}

  /** The properties as a JSON object, in the map's order. */
  public static String write(Map<String, Object> properties) throws IOException {
    // a pooled buffer, given back after, as the mapper's writeValueAsString does
    BufferRecycler buffers = MAPPER.getFactory()._getBufferRecycler();
    try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
      try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
        g.writeStartObject();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
          String name = property.getKey();
          if (name == null) {
            throw new IOException("a property has no name (null)");
          }
          g.writeFieldName(name);
          writeValue(g, property.getValue());
        }
        g.writeEndObject();
      }
      return out.getAndClear();
    } finally {
      buffers.releaseToPool();
    }
  }

  // instanceof tests rather than a pattern switch, whose type-switch call site costs more under
  // C1, the launcher's compiler
  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value == null) {
      g.writeNull();
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      MAPPER.writeValue(g, value);
    }
  }
}
