package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.Producer;
import dev.edw.core.producer.ProducerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's plain loop runs the very messages edw's producer sends, so the two compare. */
class PlainLoopBaselineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final Backends backends = new Backends(new BackendContext(Map.of(), Clock.systemUTC()));

  private PlainLoopBaseline baseline() {
    return PlainLoopBaseline.forQueue(
        backends.parse("sqlite:" + dir.resolve("b.db") + "#q"), Clock.systemUTC());
  }

  @Test
  void the_plain_loop_sends_bodies_of_the_producers_shape_each_keyed_by_its_run_and_sequence()
      throws Exception {
    PlainLoopBaseline baseline = baseline();
    JsonNode produced;
    try (WorkQueue q = backends.queue("sqlite:" + dir.resolve("p.db") + "#q")) {
      new Producer(q, ProducerOptions.count(1), Clock.systemUTC()).run(n -> {});
      produced = JSON.readTree(q.peek(1).get(0).body());
    }

    List<JsonNode> plain =
        List.of(JSON.readTree(baseline.body(0)), JSON.readTree(baseline.body(7)));

    for (JsonNode body : plain) {
      assertThat(fields(body)).isEqualTo(fields(produced));
    }
    String first = plain.get(0).get("edwKey").asText();
    assertThat(first).matches("[0-9a-z]+-0");
    assertThat(plain.get(1).get("edwKey").asText()).isEqualTo(first.replaceAll("-0$", "-7"));
  }

  @Test
  void the_record_processor_keys_a_plain_loop_row_by_the_messages_key_as_in_edws_run()
      throws Exception {
    String body = baseline().body(42);

    var rows =
        new RecordProcessor(Clock.systemUTC())
            .process(new ReceivedMessage("1", body, 1, null, null, null))
            .entities();

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).partitionKey()).isEqualTo(JSON.readTree(body).get("edwKey").asText());
  }

  @Test
  void the_plain_loop_claims_as_many_messages_as_one_receive_of_the_embedded_queue_takes() {
    try (WorkQueue q = backends.queue("sqlite:" + dir.resolve("b.db") + "#q")) {
      assertThat(PlainLoopBaseline.CLAIM_BATCH).isEqualTo(q.limits().maxReceiveBatch());
    }
  }

  private static List<String> fields(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
