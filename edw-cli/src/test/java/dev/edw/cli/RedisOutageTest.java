package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real redis-server that freezes, restarts, dies and runs out of memory under edw processes. The
 * producer and the consumers ride it out by themselves, and every message makes exactly one row.
 */
@Tag("redis")
@Tag("slow")
class RedisOutageTest {
  @TempDir Path dir;
  private final Backends backends = new Backends(new BackendContext(Map.of(), Clock.systemUTC()));

  private String table() {
    return "sqlite:" + dir.resolve("results.db") + "#results";
  }

  private static long count(Path log, String text) throws Exception {
    return Files.exists(log)
        ? Pattern.compile(Pattern.quote(text)).matcher(Files.readString(log)).results().count()
        : 0;
  }

  private long rows() {
    try (ResultTable t = backends.table(table())) {
      return t.exists() ? t.count() : 0;
    }
  }

  @Test
  void a_redis_frozen_during_produce_delays_it_and_twenty_thousand_messages_make_as_many_rows()
      throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      String queue = redis.uri("orders") + "?timeoutMs=3000";
      Path log = dir.resolve("produce.log");
      Process producer =
          EdwProcess.start(
              dir,
              Map.of(),
              log,
              "produce",
              "--count",
              "20000",
              "--batch-size",
              "50",
              "--queue",
              queue,
              "--no-progress");
      try (WorkQueue q = backends.queue(queue)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> q.exists() && q.depth().visible() > 2_000);
      }

      redis.pause();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(log, "timed out") >= 2);
      } finally {
        redis.resume();
      }

      assertThat(producer.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(producer.exitValue()).as(Files.readString(log)).isZero();
      assertThat(Files.readString(log)).contains("sent 20000 message(s)");
      EdwProcess.Result job =
          EdwProcess.run(dir, Map.of(), "job", "--queue", queue, "--table", table());
      assertThat(job.exitCode()).as(job.stderr()).isZero();
      assertThat(rows()).isEqualTo(20_000);
    }
  }

  @Test
  void a_consumer_started_while_redis_is_at_maxmemory_starts_and_drains_the_queue()
      throws Exception {
    try (RedisServer redis =
        RedisServer.start("--maxmemory", "3mb", "--maxmemory-policy", "noeviction")) {
      String queue = redis.uri("orders");
      EdwProcess.Result produced =
          EdwProcess.run(
              dir,
              Map.of(),
              "produce",
              "--count",
              "1000000",
              "--payload-bytes",
              "100",
              "--give-up-after",
              "1s",
              "--queue",
              queue,
              "--no-progress");
      assertThat(produced.exitCode()).as(produced.stderr()).isEqualTo(Main.EXIT_UNAVAILABLE);
      assertThat(produced.stderr()).contains("OOM");
      Matcher sent =
          Pattern.compile("stopped after (\\d+) of 1000000 message\\(s\\) were sent")
              .matcher(produced.stderr());
      assertThat(sent.find()).as(produced.stderr()).isTrue();
      long count = Long.parseLong(sent.group(1));
      try (WorkQueue q = backends.queue(queue)) {
        assertThat(q.depth().visible()).isEqualTo(count);
      }

      EdwProcess.Result job =
          EdwProcess.run(dir, Map.of(), "job", "--queue", queue, "--table", table());

      assertThat(job.exitCode()).as(job.stderr()).isZero();
      assertThat(rows()).isEqualTo(count);
      try (WorkQueue q = backends.queue(queue)) {
        assertThat(q.depth().total()).isZero();
      }
    }
  }

  @Test
  void consumers_ride_out_a_freeze_a_restart_and_a_kill_of_a_redis_persisting_with_aof()
      throws Exception {
    try (RedisServer redis = RedisServer.start("--appendonly", "yes", "--appendfsync", "always")) {
      String queue = redis.uri("orders") + "?timeoutMs=3000";
      EdwProcess.Result produced =
          EdwProcess.run(
              dir, Map.of(), "produce", "--count", "3000", "--queue", queue, "--no-progress");
      assertThat(produced.exitCode()).as(produced.stderr()).isZero();
      Path[] logs = {dir.resolve("consumer-a.log"), dir.resolve("consumer-b.log")};
      Process[] consumers = new Process[2];
      for (int i = 0; i < 2; i++) {
        consumers[i] =
            EdwProcess.start(
                dir,
                Map.of(),
                logs[i],
                "consume",
                "--queue",
                queue,
                "--table",
                table(),
                "--concurrency",
                "4",
                "--prefetch",
                "8",
                "--processor-option",
                "workMs=2",
                "--visibility",
                "5s",
                "--metrics-port",
                "-1");
      }
      try {
        // two JVMs start on a busy machine: give them time to begin
        await()
            .atMost(Duration.ofSeconds(180))
            .ignoreExceptions()
            .failFast("a consumer exited", () -> !consumers[0].isAlive() || !consumers[1].isAlive())
            .until(() -> rows() >= 500);
        redis.pause();
        try {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      count(logs[0], "Redis is unavailable")
                              + count(logs[1], "Redis is unavailable")
                          >= 2);
        } finally {
          redis.resume();
        }
        long beforeRestart = rows();
        await().atMost(Duration.ofSeconds(60)).until(() -> rows() >= beforeRestart + 300);
        redis.stop();
        redis.restart();
        long beforeKill = rows();
        await().atMost(Duration.ofSeconds(60)).until(() -> rows() >= beforeKill + 300);
        redis.kill();
        redis.restart();

        try (WorkQueue q = backends.queue(queue)) {
          await()
              .atMost(Duration.ofSeconds(120))
              .ignoreExceptions()
              .until(() -> rows() == 3_000 && q.depth().total() == 0);
        }
        for (Process consumer : consumers) {
          consumer.destroy();
        }
        for (int i = 0; i < 2; i++) {
          assertThat(consumers[i].waitFor(30, TimeUnit.SECONDS)).isTrue();
          assertThat(consumers[i].exitValue()).as(Files.readString(logs[i])).isZero();
        }
        assertThat(rows()).isEqualTo(3_000);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "consumer logs:\n" + Files.readString(logs[0]) + "\n---\n" + Files.readString(logs[1]),
            e);
      } finally {
        for (Process consumer : consumers) {
          consumer.destroyForcibly();
        }
      }
    }
  }
}
