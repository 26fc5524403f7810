package dev.edw.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.EdwException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "{\"sensor\":\"t-1\",\"temperature\":21.5}",
        "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007",
        "ünïcødé, 温度, emoji \uD83C\uDF21",
        "\u2028 line and paragraph separators \u2029"
      })
  void a_body_is_encoded_as_the_object_mapper_writes_it_and_comes_back_unchanged(String body)
      throws Exception {
    String encoded = Envelope.encodeBody(body);

    assertThat(encoded).isEqualTo(MAPPER.writeValueAsString(body));
    Envelope decoded =
        Envelope.decode("q", "{\"edw\":\"id-1\",\"t\":1700000000123,\"body\":" + encoded + "}");
    assertThat(decoded).isEqualTo(new Envelope("id-1", Instant.ofEpochMilli(1700000000123L), body));
  }

  @Test
  void fields_in_another_order_and_unknown_fields_are_read() {
    Envelope decoded =
        Envelope.decode(
            "q", "{\"n\":2,\"body\":\"b\",\"extra\":{\"a\":[1,{\"b\":2}]},\"t\":5,\"edw\":\"x\"}");

    assertThat(decoded).isEqualTo(new Envelope("x", Instant.ofEpochMilli(5), "b"));
  }

  @Test
  void a_missing_or_non_numeric_time_stamp_reads_as_unknown() {
    assertThat(Envelope.decode("q", "{\"edw\":\"x\",\"body\":\"b\"}").enqueuedAt()).isNull();
    assertThat(Envelope.decode("q", "{\"edw\":\"x\",\"t\":\"soon\",\"body\":\"b\"}").enqueuedAt())
        .isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "temperature1.csv",
        "[\"edw\",\"x\"]",
        "{\"edw\":\"x\",\"t\":1}",
        "{\"t\":1,\"body\":\"b\"}",
        "{\"edw\":null,\"body\":\"b\"}",
        "{\"edw\":\"x\",\"body\":{\"nested\":true}}",
        "{\"edw\":\"x\",\"body\":\"unterminated"
      })
  void an_item_that_is_not_an_envelope_fails_with_a_clear_message_naming_the_queue(String item) {
    assertThatThrownBy(() -> Envelope.decode("jobs", item))
        .isInstanceOf(EdwException.class)
        .hasMessage("queue 'jobs' holds an item that is not an edw envelope");
  }
}
