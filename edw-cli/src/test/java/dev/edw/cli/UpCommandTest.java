package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code edw up} as users run it: the packaged jar, replicas as separate {@code edw consume}
 * processes on the embedded store, a burst of messages, KEDA's and the HPA's rules with short
 * intervals.
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

  @Tag("slow")
  @Test
  void a_burst_scales_from_0_to_n_and_back_to_0_with_one_row_per_message() throws Exception {
    Files.writeString(dir.resolve("burst.yaml"), BURST_YAML);
    Process up =
        EdwProcess.start(
            dir,
            env,
            "up",
            "--scaled-object",
            "burst.yaml",
            "--profile",
            "burst",
            "--rate",
            "60",
            "--length",
            "2",
            "--duration",
            "3s",
            "--work-time",
            "200ms",
            "--concurrency",
            "1",
            "--until-idle",
            "--dashboard-port",
            "0",
            "--timeline",
            "timeline.jsonl",
            "--logs",
            "pods");
    started.add(up);
    assertThat(up.waitFor(BOUND_SECONDS, TimeUnit.SECONDS))
        .as("edw up did not finish: %s", log(dir))
        .isTrue();
    String output = log(dir);
    assertThat(up.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("dashboard on http://127\\.0\\.0\\.1:\\d+/");

    Matcher m = SUMMARY.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    long sent = Long.parseLong(m.group(1));
    assertThat(sent).isBetween(100L, 130L);

    List<JsonNode> timeline = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("timeline.jsonl"))) {
      timeline.add(JSON.readTree(line));
    }
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
    JsonNode last = timeline.get(timeline.size() - 1);
    assertThat(timeline)
        .as("KEDA scales N -> 0 after the cooldown")
        .anyMatch(
            e ->
                e.get("source").asText().equals("keda")
                    && e.get("current").asInt() > 0
                    && e.get("desired").asInt() == 0);
    assertThat(last.get("desired").asInt()).isZero();
    for (JsonNode e : timeline) {
      assertThat(e.has("t") && e.has("metric") && e.has("active") && e.has("reason")).isTrue();
    }

    EdwProcess.Result count = EdwProcess.run(dir, env, "table", "count", "edwresults");
    assertThat(count.stdout().trim()).as("one row per message sent").isEqualTo(Long.toString(sent));
    EdwProcess.Result stats = EdwProcess.run(dir, env, "queue", "stats", "--json", "edw-queue");
    JsonNode depth = JSON.readTree(stats.stdout());
    assertThat(depth.get("visible").asLong()).isZero();
    assertThat(depth.get("inFlight").asLong()).isZero();
    assertThat(depth.get("poison").asLong()).isZero();
    try (var pods = Files.list(dir.resolve("pods"))) {
      assertThat(pods.filter(p -> p.toString().endsWith(".log")).count())
          .as("one log per replica process")
          .isGreaterThan(1);
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
