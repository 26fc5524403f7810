package dev.edw.core.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.processor.ProcessResult;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.table.Entity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordProcessorTest {
  private static final Instant NOW = Instant.parse("2026-11-23T04:00:02.500000Z");
  private final RecordProcessor processor = new RecordProcessor(Clock.fixed(NOW, ZoneOffset.UTC));

  private static ReceivedMessage message(String id, String body, int dequeueCount) {
    return new ReceivedMessage(id, body, dequeueCount, null, null, new Receipt(id, "r"));
  }

  @Test
  void seed_message_becomes_one_row_keyed_by_message_id_with_the_seed_fields() throws Exception {
    String body = "{\"msg\": \"hello\", \"srcStamp\": \"2026-11-23 04:00:00.000000\"}";

    ProcessResult result = processor.process(message("m-1", body, 1));

    Entity row = result.entities().get(0);
    assertThat(result.entities()).hasSize(1);
    assertThat(row.partitionKey()).isEqualTo("m-1");
    assertThat(row.rowKey()).isEqualTo("2026-11-23 04:00:00.000000");
    assertThat(row.properties())
        .containsEntry("data", "hello")
        .containsEntry("srcStamp", "2026-11-23 04:00:00.000000")
        .containsEntry("dateStamp", "2026-11-23 04:00:02.500000")
        .containsEntry("messageProcessingTime", 2.5);
    assertThat(result.sourceTime()).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
  }

  @Test
  void redelivered_message_writes_the_same_keys_so_it_overwrites_its_own_row() throws Exception {
    String body = "{\"msg\": \"x\", \"srcStamp\": \"2026-11-23 03:59:59.123456\"}";

    Entity first = processor.process(message("m-2", body, 1)).entities().get(0);
    Entity again = processor.process(message("m-2", body, 2)).entities().get(0);

    assertThat(again.partitionKey()).isEqualTo(first.partitionKey());
    assertThat(again.rowKey()).isEqualTo(first.rowKey());
  }

  @Test
  void a_message_with_a_stable_key_is_keyed_by_it_so_a_resend_under_a_new_id_overwrites_its_row()
      throws Exception {
    String body =
        "{\"msg\": \"x\", \"srcStamp\": \"2026-11-23 03:59:59.123456\", \"edwKey\": \"r1-7\"}";

    Entity first = processor.process(message("id-a", body, 1)).entities().get(0);
    Entity resent = processor.process(message("id-b", body, 1)).entities().get(0);

    assertThat(first.partitionKey()).isEqualTo("r1-7");
    assertThat(resent.partitionKey()).isEqualTo("r1-7");
    assertThat(resent.rowKey()).isEqualTo(first.rowKey());
    assertThat(first.properties()).doesNotContainKey("edwKey");
  }

  @Test
  void a_key_that_is_not_text_is_ignored_and_the_message_id_keys_the_row() throws Exception {
    String body = "{\"msg\": \"x\", \"srcStamp\": \"2026-11-23 03:59:59\", \"edwKey\": 5}";

    assertThat(processor.process(message("id-c", body, 1)).entities().get(0).partitionKey())
        .isEqualTo("id-c");
  }

  @Test
  void non_string_msg_is_kept_as_json_text_and_unknown_fields_are_ignored() throws Exception {
    String body =
        "{\"extra\": [1, {\"a\": 2}], \"msg\": {\"n\": 1}, \"srcStamp\": \"2026-11-23T04:00:00Z\"}";

    Entity row = processor.process(message("m-3", body, 1)).entities().get(0);

    assertThat(row.getString("data")).isEqualTo("{\"n\":1}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1, 2]",
        "{\"msg\": \"no stamp\"}",
        "{\"srcStamp\": \"2026-11-23 04:00:00.000000\"}",
        "{\"msg\": \"x\", \"srcStamp\": \"yesterday\"}",
        "{\"msg\": \"x\", \"srcStamp\": 12}",
        "{\"msg\": \"x\", \"srcStamp\": \"2026-11-23 04:00:00\"} trailing",
        "{\"msg\": \"x\", \"srcStamp\": \"2026-11-23 04:00:00\"",
        ""
      })
  void malformed_body_fails_with_a_reason_instead_of_writing_a_row(String body) {
    assertThatThrownBy(() -> processor.process(message("m-4", body, 1)))
        .isInstanceOf(RecordProcessor.MalformedMessageException.class)
        .hasMessageMatching("(body|.srcStamp.) .*");
  }
}
