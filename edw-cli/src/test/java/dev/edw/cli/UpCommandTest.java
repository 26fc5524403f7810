package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import dev.edw.core.backend.Backends;
import dev.edw.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edw up} as users run it: the packaged jar, replicas as separate {@code edw consume} (or
 * {@code edw job}) processes on the embedded store or a real redis-server, a burst of messages,
 * KEDA's and the HPA's rules with short intervals.
 */
class UpCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long BOUND_SECONDS = 240;
  private static final Pattern SUMMARY = Pattern.compile("edw up: sent (\\d+), completed (\\d+)");

  /** Seconds, not minutes: poll every second, scale to zero 2 s after the last active poll. */
  private static final String BURST_YAML =
      """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata:
        name: burst-test
      spec:
        minReplicaCount: 0
        maxReplicaCount: 3
        pollingInterval: 1
        cooldownPeriod: 2
        triggers:
          - type: azure-queue
            metadata:
              queueName: edw-queue
              queueLength: '5'
      """;

  /** A ScaledJob polled every second: jobs for a burst, each an edw job run until empty. */
  private static final String JOBS_YAML =
      """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledJob
      metadata:
        name: jobs-test
      spec:
        maxReplicaCount: 4
        pollingInterval: 1
        triggers:
          - type: azure-queue
            metadata:
              queueName: edw-queue
              queueLength: '5'
      """;

  /** BURST_YAML with KEDA's redis (lists) trigger, for a queue on Redis. */
  private static final String REDIS_YAML =
      BURST_YAML
          .replace("type: azure-queue", "type: redis")
          .replace("queueName: edw-queue", "listName: upq")
          .replace("queueLength: '5'", "listLength: '5'");

  @TempDir Path dir;
  private Map<String, String> env;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void useTempStore() {
    env = Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"));
  }

  @AfterEach
  void killLeftovers() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static String log(Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("edw-")).toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }

  /**
   * Runs {@code edw up --until-idle} to its end on a 2 s burst at {@code rate} messages/s, 200 ms
   * of work per message, one at a time per replica; returns its output.
   */
  private String upUntilIdle(String scaledObject, String rate, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("up", "--scaled-object", scaledObject));
    all.addAll(List.of("--profile", "burst", "--rate", rate, "--length", "2", "--duration", "3s"));
    all.addAll(List.of("--work-time", "200ms", "--concurrency", "1"));
    all.addAll(List.of(args));
    all.addAll(List.of("--until-idle", "--timeline", "timeline.jsonl", "--logs", "pods"));
    Process up = EdwProcess.start(dir, env, all.toArray(String[]::new));
    started.add(up);
    assertThat(up.waitFor(BOUND_SECONDS, TimeUnit.SECONDS))
        .as("edw up did not finish: %s", log(dir))
        .isTrue();
    String output = log(dir);
    assertThat(up.exitValue()).as(output).isZero();
    return output;
  }

  /** The summary's sent and completed counts. */
  private static long[] summary(String output) {
    Matcher m = SUMMARY.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  private List<JsonNode> timeline() throws Exception {
    List<JsonNode> timeline = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("timeline.jsonl"))) {
      timeline.add(JSON.readTree(line));
    }
    for (JsonNode e : timeline) {
      assertThat(e.has("t") && e.has("metric") && e.has("active") && e.has("reason")).isTrue();
    }
    return timeline;
  }

  /** KEDA 0 -> 1, the HPA 1 -> N, KEDA N -> 0 after the cooldown, and 0 at the end. */
  private static void assertZeroToNToZero(List<JsonNode> timeline) {
    assertThat(timeline)
        .as("KEDA activates 0 -> 1")
        .anyMatch(
            e ->
                e.get("source").asText().equals("keda")
                    && e.get("current").asInt() == 0
                    && e.get("desired").asInt() == 1);
    assertThat(timeline)
        .as("the HPA scales 1 -> N")
        .anyMatch(e -> e.get("source").asText().equals("hpa") && e.get("desired").asInt() > 1);
    assertThat(timeline)
        .as("KEDA scales N -> 0 after the cooldown")
        .anyMatch(
            e ->
                e.get("source").asText().equals("keda")
                    && e.get("current").asInt() > 0
                    && e.get("desired").asInt() == 0);
    assertThat(timeline.get(timeline.size() - 1).get("desired").asInt()).isZero();
  }

  /** The queue holds nothing, visible, in flight or poisoned. */
  private void assertEmpty(String queue) throws Exception {
    EdwProcess.Result stats = EdwProcess.run(dir, env, "queue", "stats", "--json", queue);
    JsonNode depth = JSON.readTree(stats.stdout());
    assertThat(depth.get("visible").asLong()).as(stats.stdout()).isZero();
    assertThat(depth.get("inFlight").asLong()).isZero();
    assertThat(depth.get("poison").asLong()).isZero();
  }

  /** One row per message: as many rows as sent, no partition twice. */
  private void assertOneRowPerMessage(long sent) {
    Backends backends = new Backends(new BackendContext(env, Clock.systemUTC()));
    try (ResultTable table = backends.table("edwresults")) {
      List<String> partitions =
          table.query(TableQuery.all((int) sent + 100)).stream()
              .map(e -> e.partitionKey())
              .toList();
      assertThat(partitions).hasSize((int) sent).doesNotHaveDuplicates();
    }
  }

  private long logs(String suffix) throws Exception {
    try (var pods = Files.list(dir.resolve("pods"))) {
      return pods.filter(p -> p.toString().endsWith(suffix)).count();
    }
  }

  @Tag("slow")
  @Test
  void a_burst_scales_from_0_to_n_and_back_to_0_with_one_row_per_message() throws Exception {
    Files.writeString(dir.resolve("burst.yaml"), BURST_YAML);
    String output = upUntilIdle("burst.yaml", "60", "--dashboard-port", "0");
    assertThat(output).containsPattern("dashboard on http://127\\.0\\.0\\.1:\\d+/");
    long sent = summary(output)[0];
    assertThat(sent).isBetween(100L, 130L);
    assertZeroToNToZero(timeline());

    EdwProcess.Result count = EdwProcess.run(dir, env, "table", "count", "edwresults");
    assertThat(count.stdout().trim()).as("one row per message sent").isEqualTo(Long.toString(sent));
    assertOneRowPerMessage(sent);
    assertEmpty("edw-queue");
    assertThat(logs(".log")).as("one log per replica process").isGreaterThan(1);
  }

  @Tag("slow")
  @Test
  void a_scaled_job_starts_job_processes_for_a_burst_that_exit_once_the_queue_is_empty()
      throws Exception {
    Files.writeString(dir.resolve("jobs.yaml"), JOBS_YAML);
    String output = upUntilIdle("jobs.yaml", "20", "--dashboard-port", "-1");
    long[] counts = summary(output);
    long sent = counts[0];
    assertThat(sent).isBetween(30L, 50L);
    // counted from each job's final /metrics page, so the completions after its last scrape too
    assertThat(counts[1]).as("completed as counted by edw up: %s", output).isEqualTo(sent);

    List<JsonNode> timeline = timeline();
    assertThat(timeline)
        .as("the ScaledJob creates jobs")
        .anyMatch(e -> e.get("source").asText().equals("keda") && e.get("desired").asInt() > 0);
    assertOneRowPerMessage(sent);
    assertEmpty("edw-queue");
    // --until-idle ended with no pod left: every job exited on its own once the queue was empty
    long jobs = logs(".log");
    assertThat(jobs).as("one log per job process").isBetween(1L, 40L);
    assertThat(logs(".final.prom")).as("each job wrote its final metrics").isEqualTo(jobs);
    assertThat(Files.readString(dir.resolve("pods").resolve("job-1.log"))).doesNotContain("ERROR");
  }

  @Tag("slow")
  @Test
  void on_redis_a_burst_scales_from_0_to_n_and_back_to_0_with_one_row_per_message()
      throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      String queue = redis.uri("upq");
      Files.writeString(dir.resolve("redis.yaml"), REDIS_YAML);
      String output = upUntilIdle("redis.yaml", "40", "--queue", queue, "--dashboard-port", "-1");
      long[] counts = summary(output);
      assertThat(counts[0]).isBetween(60L, 100L);
      assertThat(counts[1]).isEqualTo(counts[0]);
      assertZeroToNToZero(timeline());
      assertOneRowPerMessage(counts[0]);
      assertEmpty(queue);
    }
  }

  @Test
  void a_missing_scaled_object_file_exits_3_and_an_unsupported_trigger_exits_2() throws Exception {
    EdwProcess.Result missing =
        EdwProcess.run(dir, env, "up", "--scaled-object", "nope.yaml", "--dashboard-port", "-1");
    assertThat(missing.exitCode()).as(missing.stderr()).isEqualTo(3);
    assertThat(missing.stderr()).contains("nope.yaml");

    Files.writeString(
        dir.resolve("kafka.yaml"), BURST_YAML.replace("type: azure-queue", "type: kafka"));
    EdwProcess.Result kafka =
        EdwProcess.run(dir, env, "up", "--scaled-object", "kafka.yaml", "--dashboard-port", "-1");
    assertThat(kafka.exitCode()).as(kafka.stderr()).isEqualTo(2);
    assertThat(kafka.stderr()).contains("kafka");
  }
}
