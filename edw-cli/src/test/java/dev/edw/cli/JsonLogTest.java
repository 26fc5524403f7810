package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.cli.logging.LogConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The JSON log format puts MDC keys (queue, messageId) at the top level of each line. */
class JsonLogTest {
  @Test
  void a_json_event_carries_level_logger_message_and_the_mdc_keys() throws Exception {
    // the process's own context: SLF4J's MDC belongs to it
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      context.reset();
      configurator.configure(context, true);
      MDC.put("queue", "orders");
      MDC.put("messageId", "m-42");
      context.getLogger("dev.edw.test").warn("attempt 2 failed");
    } finally {
      MDC.clear();
      System.setErr(original);
      context.reset();
      configurator.configure(context, false);
    }

    JsonNode event = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8).strip());
    assertThat(event.get("level").asText()).isEqualTo("WARN");
    assertThat(event.get("logger").asText()).isEqualTo("dev.edw.test");
    assertThat(event.get("message").asText()).isEqualTo("attempt 2 failed");
    assertThat(event.get("queue").asText()).isEqualTo("orders");
    assertThat(event.get("messageId").asText()).isEqualTo("m-42");
  }
}
