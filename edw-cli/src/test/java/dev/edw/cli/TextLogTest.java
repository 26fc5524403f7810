package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The text log format names the MDC (queue, message id) compactly, and only when it is set. */
class TextLogTest {
  private static List<String> textLines(Consumer<LoggerContext> logging) {
    return LogCapture.printed(false, logging).lines().toList();
  }

  @Test
  void a_line_logged_while_a_message_is_handled_names_its_queue_and_id() {
    List<String> lines =
        textLines(
            context -> {
              MDC.put("messageId", "m-42");
              MDC.put("queue", "orders");
              context.getLogger("dev.edw.test.Worker").warn("attempt 2 failed");
            });

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  Worker \\[queue=orders messageId=m-42\\] -"
                + " attempt 2 failed");
  }

  @Test
  void a_line_without_mdc_keeps_the_plain_layout() {
    List<String> lines =
        textLines(context -> context.getLogger("dev.edw.test.Worker").info("consuming orders"));

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  Worker - consuming orders");
  }

  @Test
  void other_mdc_keys_follow_queue_and_message_id_in_name_order() {
    List<String> lines =
        textLines(
            context -> {
              MDC.put("tenant", "t1");
              MDC.put("attempt", "3");
              MDC.put("queue", "orders");
              context.getLogger("dev.edw.test.Worker").info("retrying");
            });

    assertThat(lines.get(0)).endsWith(" Worker [queue=orders attempt=3 tenant=t1] - retrying");
  }
}
