package dev.edw.processors.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.processor.Processor;
import dev.edw.api.table.Entity;
import dev.edw.processors.Consumer;
import dev.edw.processors.Scripts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exec mode=per-message}: one real process per message under the real consumer. */
class PerMessageExecTest {
  @TempDir Path dir;
  private Consumer consumer;

  @BeforeEach
  void open() {
    consumer = new Consumer(dir);
  }

  @AfterEach
  void close() throws Exception {
    consumer.close();
  }

  private Processor perMessage(Map<String, String> options, String... command) {
    Map<String, String> all = new HashMap<>(options);
    all.put("mode", "per-message");
    return Consumer.create(new ExecProcessorFactory(), all, List.of(command));
  }

  private Processor script(Map<String, String> options, String text) throws Exception {
    return perMessage(options, Scripts.write(dir, "task.sh", "#!/bin/sh\n" + text).toString());
  }

  @Test
  void the_body_is_on_stdin_and_in_the_environment_and_stdout_rows_are_written() throws Exception {
    consumer.send("hello world", "second body");
    Processor p =
        script(
            Map.of(),
            """
            body=$(cat)
            if [ "$body" != "$EDW_MESSAGE" ] || [ "$body" != "$KEDA_TASK_DATA" ]; then
              echo "stdin and environment differ" >&2; exit 9
            fi
            printf '{"PartitionKey":"%s","RowKey":"r","attempt":%s,"size":%s}\\n' \
              "$EDW_MESSAGE_ID" "$EDW_DEQUEUE_COUNT" "${#body}"
            printf '\\n{"PartitionKey":"%s","RowKey":"second","ok":true}\\n' "$EDW_MESSAGE_ID"
            """);

    consumer.runUntilEmpty(p, Consumer.options().maxDequeue(1));

    List<Entity> rows = consumer.rows();
    assertThat(consumer.poisoned()).isEmpty();
    assertThat(rows).hasSize(4);
    assertThat(rows)
        .filteredOn(r -> r.rowKey().equals("r"))
        .extracting(r -> r.properties().get("size"))
        .containsExactlyInAnyOrder(11L, 11L);
    assertThat(rows).allSatisfy(r -> assertThat(r.partitionKey()).isNotBlank());
    assertThat(rows)
        .filteredOn(r -> r.rowKey().equals("r"))
        .allSatisfy(r -> assertThat(r.properties().get("attempt")).isEqualTo(1L));
  }

  @Test
  void the_seed_style_task_processor_runs_once_per_message() throws Exception {
    consumer.send("{\"task\": 1}", "{\"task\": 2}", "{\"task\": 3}");
    Processor p =
        perMessage(Map.of(), "python3", Scripts.example("python/task_processor.py").toString());

    consumer.runUntilEmpty(p, Consumer.options().maxDequeue(1));

    assertThat(consumer.rows())
        .extracting(r -> r.getString("task"))
        .containsExactlyInAnyOrder("{\"task\": 1}", "{\"task\": 2}", "{\"task\": 3}");
    assertThat(consumer.poisoned()).isEmpty();
  }

  @Test
  void a_non_zero_exit_fails_the_attempt_with_the_end_of_stderr_as_the_reason() throws Exception {
    consumer.send("doomed");
    Processor p = script(Map.of(), "echo 'starting' >&2\necho 'bad thing happened' >&2\nexit 3\n");

    consumer.runUntilEmpty(p, Consumer.options().maxDequeue(2));

    assertThat(consumer.reasonFor("doomed"))
        .contains("exited with code 3", "starting", "bad thing happened");
    assertThat(consumer.poisoned().get(0).get("dequeueCount").asInt()).isEqualTo(2);
  }

  @Test
  void a_command_running_past_its_timeout_is_killed_and_fails_its_attempt() throws Exception {
    consumer.send("slow");
    Processor p = script(Map.of("timeout", "500ms"), "exec sleep 60\n");
    long start = System.nanoTime();

    consumer.runUntilEmpty(p, Consumer.options().maxDequeue(1));

    assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
    assertThat(consumer.reasonFor("slow")).contains("killed after the timeout of PT0.5S");
  }

  @Test
  void stdout_that_is_not_json_fails_the_attempt() throws Exception {
    consumer.send("chatty");
    Processor p = script(Map.of(), "echo 'Processing task: chatty'\n");

    consumer.runUntilEmpty(p, Consumer.options().maxDequeue(1));

    assertThat(consumer.reasonFor("chatty"))
        .contains("stdout line 1 is not JSON", "Processing task");
    assertThat(consumer.rows()).isEmpty();
  }

  @Test
  void a_command_that_writes_no_rows_succeeds_without_rows() throws Exception {
    consumer.send("a", "b");

    consumer.runUntilEmpty(perMessage(Map.of(), "true"), Consumer.options().maxDequeue(1));

    assertThat(consumer.rows()).isEmpty();
    assertThat(consumer.poisoned()).isEmpty();
    assertThat(consumer.queue.depth().isEmpty()).isTrue();
  }
}
