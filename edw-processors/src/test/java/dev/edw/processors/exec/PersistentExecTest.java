package dev.edw.processors.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.edw.api.processor.Processor;
import dev.edw.api.table.Entity;
import dev.edw.core.processor.SeedTimestamps;
import dev.edw.core.producer.SeedMessages;
import dev.edw.processors.Consumer;
import dev.edw.processors.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exec} persistent workers: real Python processes under the real consumer. */
class PersistentExecTest {
  /**
   * A worker that answers in order and misbehaves on request: "ok:N" answers a row, "fail:TEXT" an
   * error, "garbage" a line that is not JSON, "badrow" a row without PartitionKey, "crash" exits on
   * its first attempt, "hang" never answers. It appends its pid to the file named by argv[1].
   */
  private static final String TEST_WORKER =
      """
      import json, os, sys, time
      with open(sys.argv[1], "a") as f:
          f.write(f"{os.getpid()}\\n")
      for line in sys.stdin:
          req = json.loads(line)
          mid, body, n = req["id"], req["body"], req["dequeueCount"]
          def say(obj):
              print(json.dumps(obj), flush=True)
          if body.startswith("ok:") or (body == "crash" and n > 1):
              say({"id": mid, "ok": True, "rows": [{"PartitionKey": mid, "RowKey": "r",
                   "body": body, "pid": os.getpid(), "attempt": n, "ratio": 0.5, "seen": True}]})
          elif body.startswith("fail:"):
              say({"id": mid, "ok": False, "error": body[5:]})
          elif body == "garbage":
              print("this is not json", flush=True)
          elif body == "badrow":
              say({"id": mid, "ok": True, "rows": [{"RowKey": "r"}]})
          elif body == "crash":
              print("crashing on purpose", file=sys.stderr, flush=True)
              sys.exit(3)
          elif body == "hang":
              time.sleep(3600)
      """;

  @TempDir Path dir;
  private Consumer consumer;
  private Path worker;
  private Path pids;

  @BeforeEach
  void open() throws Exception {
    consumer = new Consumer(dir);
    worker = Scripts.write(dir, "worker.py", TEST_WORKER);
    pids = dir.resolve("pids.txt");
  }

  @AfterEach
  void close() throws Exception {
    consumer.close();
  }

  private Processor testWorker(Map<String, String> options) {
    return Consumer.create(
        new ExecProcessorFactory(),
        options,
        List.of("python3", worker.toString(), pids.toString()));
  }

  private List<Long> startedPids() throws Exception {
    return Files.readAllLines(pids).stream().map(Long::parseLong).toList();
  }

  private static String[] oks(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("ok:" + i);
    }
    return out.toArray(String[]::new);
  }

  @Test
  void the_python_example_writes_the_seed_row_for_every_message() throws Exception {
    SeedMessages seed = new SeedMessages(0);
    Instant sent = Instant.now();
    for (int i = 0; i < 300; i++) {
      consumer.send(seed.body(i, sent));
    }
    Processor p =
        Consumer.create(
            new ExecProcessorFactory(),
            Map.of(),
            List.of("python3", Scripts.example("python/seed_worker.py").toString()));

    consumer.runUntilEmpty(p, Consumer.options());

    List<Entity> rows = consumer.rows();
    assertThat(rows).hasSize(300);
    assertThat(rows.stream().map(Entity::partitionKey).collect(Collectors.toSet())).hasSize(300);
    Entity row = rows.get(0);
    assertThat(row.rowKey()).isEqualTo(row.getString("srcStamp"));
    assertThat(row.getString("data")).startsWith("message ");
    assertThat(SeedTimestamps.parse(row.getString("dateStamp")))
        .isAfterOrEqualTo(SeedTimestamps.parse(row.getString("srcStamp")));
    assertThat(row.properties().get("messageProcessingTime")).isInstanceOf(Double.class);
    assertThat(consumer.poisoned()).isEmpty();
  }

  @Test
  void an_error_answer_fails_the_attempt_and_lands_in_poison_with_its_text() throws Exception {
    consumer.send("fail:downstream said no", "ok:1");

    consumer.runUntilEmpty(testWorker(Map.of()), Consumer.options().maxDequeue(2));

    assertThat(consumer.reasonFor("fail:downstream said no")).endsWith(": downstream said no");
    assertThat(consumer.poisoned().get(0).get("dequeueCount").asInt()).isEqualTo(2);
    assertThat(consumer.rows()).hasSize(1);
  }

  @Test
  void a_line_that_is_not_json_fails_that_message_and_the_others_flow_on() throws Exception {
    consumer.send("garbage");
    consumer.send(oks(20));

    consumer.runUntilEmpty(testWorker(Map.of("workers", "1")), Consumer.options().maxDequeue(2));

    assertThat(consumer.reasonFor("garbage")).contains("not a JSON answer", "this is not json");
    assertThat(consumer.rows()).hasSize(20);
    assertThat(consumer.poisoned()).hasSize(1);
  }

  @Test
  void a_row_without_partition_key_fails_the_message_with_the_reason() throws Exception {
    consumer.send("badrow");

    consumer.runUntilEmpty(testWorker(Map.of()), Consumer.options().maxDequeue(1));

    assertThat(consumer.reasonFor("badrow")).contains("PartitionKey");
    assertThat(consumer.rows()).isEmpty();
  }

  @Test
  void a_crashing_worker_is_restarted_and_no_message_is_lost() throws Exception {
    consumer.send(oks(40));
    consumer.send("crash");
    consumer.send(oks(40));

    consumer.runUntilEmpty(
        testWorker(Map.of("workers", "1", "restartDelay", "20ms")),
        Consumer.options().maxDequeue(5));

    List<Entity> rows = consumer.rows();
    assertThat(rows).hasSize(81);
    assertThat(consumer.poisoned()).isEmpty();
    Set<Object> answeringPids =
        rows.stream().map(r -> r.properties().get("pid")).collect(Collectors.toSet());
    assertThat(answeringPids).hasSizeGreaterThanOrEqualTo(2);
    assertThat(startedPids()).hasSizeGreaterThanOrEqualTo(2);
    Entity crashed =
        rows.stream().filter(r -> "crash".equals(r.getString("body"))).findFirst().orElseThrow();
    assertThat(crashed.properties().get("attempt")).isEqualTo(2L);
  }

  @Test
  void a_hanging_message_is_killed_at_its_timeout_and_the_worker_replaced() throws Exception {
    Processor p = testWorker(Map.of("workers", "1", "timeout", "2s", "restartDelay", "20ms"));
    // the timeout runs from when a message is sent: let Python start first on a busy machine
    await().atMost(Consumer.BOUND).until(() -> Files.exists(pids) && !startedPids().isEmpty());
    consumer.send("hang");
    consumer.send(oks(5));

    consumer.runUntilEmpty(p, Consumer.options().maxDequeue(1));

    assertThat(consumer.reasonFor("hang")).contains("killed after the timeout of PT2S");
    long hung = startedPids().get(0);
    assertThat(ProcessHandle.of(hung).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    // messages in flight at the killed worker fail too; the ones that got through have rows
    assertThat(consumer.rows().size() + consumer.poisoned().size()).isEqualTo(6);
  }

  @Test
  void closing_the_processor_ends_its_workers() throws Exception {
    consumer.send(oks(3));
    Processor p = testWorker(Map.of("workers", "2"));
    consumer.runUntilEmpty(p, Consumer.options());
    List<Long> started = startedPids();

    p.close();

    assertThat(started).hasSize(2);
    for (long pid : started) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  @Test
  void a_command_that_cannot_be_started_is_an_error_at_start_up() {
    assertThatThrownBy(
            () ->
                Consumer.create(
                    new ExecProcessorFactory(), Map.of(), List.of("/nonexistent/worker")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot start '/nonexistent/worker'");
    assertThatThrownBy(
            () ->
                Consumer.create(
                    new ExecProcessorFactory(),
                    Map.of("mode", "per-message"),
                    List.of("no-such-program-of-edw")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not found on PATH");
    assertThatThrownBy(
            () ->
                Consumer.create(
                    new ExecProcessorFactory(),
                    Map.of("startupGrace", "120s"),
                    List.of("python3", dir.resolve("missing.py").toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the worker exited at once with code 2")
        .hasMessageContaining("missing.py");
    assertThatThrownBy(() -> Consumer.create(new ExecProcessorFactory(), Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--processor exec -- COMMAND");
  }

  @Test
  void unknown_or_bad_options_are_errors() {
    List<String> command = List.of("python3", "-c", "pass");
    assertThatThrownBy(
            () -> Consumer.create(new ExecProcessorFactory(), Map.of("mood", "happy"), command))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no option mood");
    assertThatThrownBy(
            () -> Consumer.create(new ExecProcessorFactory(), Map.of("mode", "sometimes"), command))
        .hasMessageContaining("per-message or persistent");
    assertThatThrownBy(
            () -> Consumer.create(new ExecProcessorFactory(), Map.of("timeout", "soon"), command))
        .hasMessageContaining("option timeout");
    assertThat(new ExecProcessorFactory().options()).containsKeys("mode", "workers", "timeout");
  }
}
