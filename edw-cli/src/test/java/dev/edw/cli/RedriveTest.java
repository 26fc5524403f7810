package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.testkit.RedisServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edw queue redrive}: poison entries go back as their original bodies, on two backends. */
class RedriveTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RedisServer redis;

  @TempDir Path dir;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, Map.of(), args);
  }

  @Test
  void redrive_on_the_embedded_store_sends_original_bodies_back_and_empties_the_poison_queue()
      throws Exception {
    redriveFlow(name -> name);
  }

  @Test
  @Tag("redis")
  void redrive_on_redis_sends_original_bodies_back_and_empties_the_poison_queue() throws Exception {
    redriveFlow(name -> redis.uri(name + "-" + System.nanoTime() % 100000));
  }

  /** Three bodies fail once each and land in the poison queue; redrive puts them back. */
  private void redriveFlow(UnaryOperator<String> uriOf) throws Exception {
    String queue = uriOf.apply("work");
    String poison = queue + "-poison";
    for (String body : List.of("bad-1", "bad-2", "other-3")) {
      assertThat(edw("queue", "send", queue, body).exitCode()).isZero();
    }
    EdwProcess.Result consume =
        edw(
            "consume",
            "--queue",
            queue,
            "--until-empty",
            "--max-dequeue",
            "1",
            "--metrics-port",
            "-1");
    assertThat(consume.exitCode()).as(consume.stderr()).isZero();
    assertThat(stats(poison).get("visible").asInt()).isEqualTo(3);

    EdwProcess.Result dryRun = edw("queue", "redrive", poison, "--dry-run");
    EdwProcess.Result missingTarget = edw("queue", "redrive", poison, "--to", "no-such-queue");
    assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
    assertThat(dryRun.stdout().lines()).hasSize(3);
    assertThat(missingTarget.exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
    assertThat(stats(poison).get("visible").asInt()).isEqualTo(3);

    EdwProcess.Result one = edw("queue", "redrive", poison, "--filter", "bad", "--max", "1");
    assertThat(one.exitCode()).as(one.stderr()).isZero();
    assertThat(stats(poison).get("visible").asInt()).isEqualTo(2);
    assertThat(stats(queue).get("visible").asInt()).isEqualTo(1);

    EdwProcess.Result rest = edw("queue", "redrive", poison);
    assertThat(rest.exitCode()).as(rest.stderr()).isZero();
    assertThat(rest.stderr()).contains("redrove 2 message(s)");
    assertThat(stats(poison).get("visible").asInt()).isZero();
    List<JsonNode> back =
        edw("queue", "peek", queue).stdout().lines().map(RedriveTest::json).toList();
    assertThat(back)
        .extracting(n -> n.get("body").asText())
        .containsExactlyInAnyOrder("bad-1", "bad-2", "other-3");
    assertThat(back).allSatisfy(n -> assertThat(n.get("dequeueCount").asInt()).isZero());
  }

  private JsonNode stats(String uri) throws Exception {
    EdwProcess.Result r = edw("queue", "stats", uri, "--json");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return json(r.stdout());
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
