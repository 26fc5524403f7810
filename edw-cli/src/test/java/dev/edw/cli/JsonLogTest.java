package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The JSON log format puts MDC keys (queue, messageId) at the top level of each line. */
class JsonLogTest {
  @Test
  void a_json_event_carries_level_logger_message_and_the_mdc_keys() throws Exception {
    String printed =
        LogCapture.printed(
            true,
            context -> {
              MDC.put("queue", "orders");
              MDC.put("messageId", "m-42");
              context.getLogger("dev.edw.test").warn("attempt 2 failed");
            });

    JsonNode event = new ObjectMapper().readTree(printed.strip());
    assertThat(event.get("level").asText()).isEqualTo("WARN");
    assertThat(event.get("logger").asText()).isEqualTo("dev.edw.test");
    assertThat(event.get("message").asText()).isEqualTo("attempt 2 failed");
    assertThat(event.get("queue").asText()).isEqualTo("orders");
    assertThat(event.get("messageId").asText()).isEqualTo("m-42");
  }
}
