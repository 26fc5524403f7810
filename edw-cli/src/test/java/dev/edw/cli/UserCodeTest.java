package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import dev.edw.core.backend.Backends;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own code under {@code edw consume}, as separate OS processes. */
class UserCodeTest {
  @TempDir Path dir;

  private Map<String, String> env() {
    return Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"), "TEST_DIR", dir.toString());
  }

  private Backends backends() {
    return new Backends(new BackendContext(env(), Clock.systemUTC()));
  }

  private static String example(String relative) {
    Path p = Path.of("..", "examples", relative).toAbsolutePath().normalize();
    assertThat(p).isRegularFile();
    return p.toString();
  }

  @Test
  void a_command_that_cannot_be_started_exits_2_before_consuming() throws Exception {
    assertThat(EdwProcess.run(dir, env(), "queue", "create", "edw-queue").exitCode()).isZero();

    EdwProcess.Result missing =
        EdwProcess.run(
            dir,
            env(),
            "consume",
            "--metrics-port",
            "-1",
            "--processor",
            "exec",
            "--",
            "/nonexistent/worker",
            "--flag");
    EdwProcess.Result none =
        EdwProcess.run(dir, env(), "consume", "--metrics-port", "-1", "--processor", "exec");

    assertThat(missing.exitCode()).as(missing.stderr()).isEqualTo(2);
    assertThat(missing.stderr()).contains("cannot start '/nonexistent/worker'");
    assertThat(none.exitCode()).as(none.stderr()).isEqualTo(2);
    assertThat(none.stderr()).contains("--processor exec -- COMMAND");
  }

  @Test
  void a_sigkilled_consumer_running_python_workers_leaves_exactly_one_row_per_message()
      throws Exception {
    int messages = 4_000;
    EdwProcess.Result produced =
        EdwProcess.run(dir, env(), "produce", "--count", "" + messages, "--no-progress");
    assertThat(produced.exitCode()).as(produced.stderr()).isZero();
    String[] consume = {
      "consume", "--metrics-port", "-1", "--visibility", "2s", "--concurrency", "16",
      "--write-batch", "50", "--processor", "exec", "--processor-option", "workers=2", "--",
      "python3", example("python/seed_worker.py")
    };
    try (ResultTable table = backends().table("edwresults");
        WorkQueue poison = backends().queue("edw-queue-poison")) {
      Process victim = EdwProcess.start(dir, env(), consume);
      await().atMost(Duration.ofSeconds(90)).until(() -> table.exists() && table.count() >= 200);
      List<ProcessHandle> workers = victim.toHandle().descendants().toList();

      victim.destroyForcibly();

      assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(victim.exitValue()).isEqualTo(137);
      assertThat(table.count()).isLessThan(messages);
      assertThat(workers).isNotEmpty();
      // the workers see their stdin close and exit by themselves
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
      String[] untilEmpty = new String[consume.length + 1];
      untilEmpty[0] = "consume";
      untilEmpty[1] = "--until-empty";
      System.arraycopy(consume, 1, untilEmpty, 2, consume.length - 1);
      EdwProcess.Result rest = EdwProcess.run(dir, env(), untilEmpty);
      assertThat(rest.exitCode()).as(rest.stderr()).isZero();

      List<Entity> rows = table.query(TableQuery.all(messages * 2));
      assertThat(rows).hasSize(messages);
      assertThat(rows.stream().map(Entity::partitionKey).collect(Collectors.toSet()))
          .hasSize(messages);
      assertThat(!poison.exists() || poison.depth().isEmpty()).isTrue();
    }
  }

  @Test
  void sigterm_lets_running_commands_finish_and_releases_the_rest() throws Exception {
    try (WorkQueue queue = backends().queue("edw-queue");
        ResultTable table = backends().table("edwresults")) {
      queue.createIfMissing();
      for (int i = 0; i < 10; i++) {
        queue.send(dev.edw.api.queue.OutgoingMessage.of("task " + i));
      }
      Process consumer =
          EdwProcess.start(
              dir,
              env(),
              "consume",
              "--metrics-port",
              "-1",
              "--concurrency",
              "2",
              "--prefetch",
              "4",
              "--drain-timeout",
              "60s",
              "--processor",
              "exec",
              "--processor-option",
              "mode=per-message",
              "--",
              "sh",
              "-c",
              "touch \"$TEST_DIR/started-$EDW_MESSAGE_ID\";"
                  + " while [ ! -f \"$TEST_DIR/go\" ]; do sleep 0.05; done;"
                  + " printf '{\"PartitionKey\":\"%s\",\"RowKey\":\"done\"}\\n' \"$EDW_MESSAGE_ID\"");
      await().atMost(Duration.ofSeconds(60)).until(() -> started() == 2);
      await().atMost(Duration.ofSeconds(30)).until(() -> queue.depth().inFlight() == 6);

      consumer.destroy();

      await().atMost(Duration.ofSeconds(20)).until(() -> queue.depth().visible() == 8);
      assertThat(consumer.isAlive()).isTrue();
      Files.writeString(dir.resolve("go"), "");
      assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(consumer.exitValue()).isZero();
      assertThat(table.count()).isEqualTo(2);
      assertThat(queue.depth().inFlight()).isZero();
      assertThat(started()).isEqualTo(2);
    }
  }

  private long started() throws java.io.IOException {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("started-")).count();
    }
  }

  @Test
  void the_http_processor_posts_each_message_to_the_app_and_writes_its_rows() throws Exception {
    HttpServer app =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    app.createContext(
        "/process",
        exchange -> {
          String id = exchange.getRequestHeaders().getFirst("X-Edw-Message-Id");
          byte[] body = exchange.getRequestBody().readAllBytes();
          byte[] answer =
              ("{\"rows\": [{\"PartitionKey\": \""
                      + id
                      + "\", \"RowKey\": \"http\", \"bytes\": "
                      + body.length
                      + "}]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    app.start();
    try {
      assertThat(EdwProcess.run(dir, env(), "produce", "--count", "50").exitCode()).isZero();

      EdwProcess.Result run =
          EdwProcess.run(
              dir,
              env(),
              "consume",
              "--until-empty",
              "--metrics-port",
              "-1",
              "--processor",
              "http",
              "--processor-option",
              "url=http://127.0.0.1:" + app.getAddress().getPort() + "/process");

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      try (ResultTable table = backends().table("edwresults")) {
        List<Entity> rows = table.query(TableQuery.all(100));
        assertThat(rows).hasSize(50);
        assertThat(rows).allSatisfy(r -> assertThat(r.rowKey()).isEqualTo("http"));
      }
    } finally {
      app.stop(0);
    }
  }
}
