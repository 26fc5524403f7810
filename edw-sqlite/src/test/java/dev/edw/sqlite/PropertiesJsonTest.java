package dev.edw.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming writer keeps exactly the text the object mapper wrote before it. */
class PropertiesJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Map<String, Object> props(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void every_kind_of_value_is_written_as_the_object_mapper_writes_it() throws Exception {
    List<Object> nested = new ArrayList<>(List.of(1, "two", 3.5));
    nested.add(null);
    List<Map<String, Object>> cases =
        List.of(
            props(),
            props(
                "data", "hello \"world\"\n\t\u0001 é 😀 \\ </script>",
                "srcStamp", "2026-12-07 12:00:00.000000",
                "messageProcessingTime", 0.123456789),
            props("nan", Double.NaN, "inf", Double.NEGATIVE_INFINITY, "negZero", -0.0),
            props("tiny", 1e-300, "huge", 1.7976931348623157e308, "tenth", 0.1),
            props("long", Long.MIN_VALUE, "int", 42, "short", (short) 7, "byte", (byte) -1),
            props("float", 1.1f, "true", true, "false", false, "null", null),
            props("big", new BigDecimal("1234567890.123456789"), "bigint", BigInteger.TEN.pow(30)),
            props("nested", props("a", nested, "b", props()), "", "empty name"));
    for (Map<String, Object> properties : cases) {
      assertThat(PropertiesJson.write(properties))
          .as("%s", properties)
          .isEqualTo(MAPPER.writeValueAsString(properties));
    }
  }

  @Test
  void a_value_the_mapper_cannot_write_fails_as_the_mapper_fails() {
    Map<String, Object> properties = props("at", Instant.EPOCH);

    assertThatThrownBy(() -> MAPPER.writeValueAsString(properties))
        .isInstanceOf(java.io.IOException.class);
    assertThatThrownBy(() -> PropertiesJson.write(properties))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void a_property_without_a_name_is_refused() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(null, 1);

    assertThatThrownBy(() -> PropertiesJson.write(properties))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("no name");
  }
}
