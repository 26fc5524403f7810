package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edw simulate} as a user runs it: the seed's ScaledObject, a trace, a load profile. */
class SimulateCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The seed's manifest: a TriggerAuthentication-free copy with its numbers. */
  private static final String SEED =
      """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata:
        name: aws2az-queue-scaleobj
      spec:
        scaleTargetRef:
          name: consumer
        minReplicaCount: 0
        maxReplicaCount: 15
        pollingInterval: 30
        cooldownPeriod: 10
        triggers:
        - type: azure-queue
          authenticationRef:
            name: keda-az-credentials
          metadata:
            queueName: work
            queueLength: '5'
            activationQueueLength: '20'
      ---
      apiVersion: keda.sh/v1alpha1
      kind: TriggerAuthentication
      metadata:
        name: keda-az-credentials
      spec:
        podIdentity:
          provider: azure-workload
      """;

  @TempDir Path dir;

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, Map.of(), args);
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void a_trace_gives_a_timeline_of_keda_and_hpa_decisions_with_their_reasons() throws Exception {
    Path so = file("so.yaml", SEED);
    Path trace = file("trace.jsonl", "{\"t\": 0, \"metric\": 57}\n{\"t\": 60, \"metric\": 0}\n");

    EdwProcess.Result r =
        edw(
            "simulate",
            "--scaled-object",
            so.toString(),
            "--metric-trace",
            trace.toString(),
            "--timeline",
            "out.jsonl",
            "--duration",
            "75s");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<JsonNode> lines =
        Files.readAllLines(dir.resolve("out.jsonl")).stream()
            .map(SimulateCommandTest::json)
            .toList();
    // keda 0, 30, 60; hpa 15, 30, 45, 60, 75 (KEDA first at 30 and 60)
    assertThat(lines)
        .extracting(n -> n.get("t").asLong() + n.get("source").asText())
        .containsExactly("0keda", "15hpa", "30keda", "30hpa", "45hpa", "60keda", "60hpa", "75hpa");
    assertThat(lines.get(0).fieldNames())
        .toIterable()
        .contains("t", "source", "metric", "active", "current", "desired", "reason");
    assertThat(lines)
        .extracting(n -> n.get("desired").asInt())
        .containsExactly(1, 4, 4, 8, 12, 0, 0, 0);
    assertThat(lines.get(3).get("reason").asText())
        .isEqualTo("hpa: ceil(57/5)=12, capped at max(2x4,4)=8 by the default scale-up limit");
    assertThat(r.stdout()).contains("strands:", "up to 20 messages", "flaps:");
  }

  @Test
  void without_duration_the_trace_length_bounds_the_run_and_json_is_for_machines()
      throws Exception {
    Path so = file("so.yaml", SEED);
    Path trace = file("trace.jsonl", "{\"t\": 0, \"metric\": 57}\n{\"t\": 45, \"metric\": 57}\n");

    EdwProcess.Result r =
        edw(
            "simulate",
            "--scaled-object",
            so.toString(),
            "--metric-trace",
            trace.toString(),
            "--json");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode root = json(r.stdout());
    assertThat(root.get("mode").asText()).isEqualTo("trace");
    assertThat(root.get("durationSeconds").asLong()).isEqualTo(45);
    assertThat(root.get("maxReplicas").asInt()).isEqualTo(12);
    assertThat(root.get("scaleEvents")).hasSize(4);
    assertThat(root.get("findings").findValuesAsText("code")).containsExactly("strands", "flaps");
  }

  @Test
  void a_load_profile_predicts_backlog_latency_cost_and_capacity() throws Exception {
    Path so = file("so.yaml", SEED);

    EdwProcess.Result r =
        edw(
            "simulate",
            "--scaled-object",
            so.toString(),
            "--profile",
            "constant",
            "--rate",
            "50",
            "--service-rate",
            "2",
            "--pods-per-node",
            "4",
            "--node-startup",
            "30s",
            "--duration",
            "180s",
            "--json");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode root = json(r.stdout());
    JsonNode s = root.get("summary");
    assertThat(s.get("maxReplicas").asInt()).isEqualTo(15);
    assertThat(s.get("maxNodes").asInt()).isEqualTo(4);
    assertThat(s.get("leftOnQueue").asDouble()).isPositive();
    assertThat(s.get("replicaSeconds").asDouble()).isPositive();
    assertThat(s.get("worstLatencySeconds").asDouble()).isGreaterThan(30);
    assertThat(root.get("series")).hasSize(181);
    assertThat(root.get("findings").findValuesAsText("code")).contains("cannot-keep-up");
  }

  @Test
  void bad_input_is_a_usage_error_and_a_missing_file_is_not_found() throws Exception {
    Path so = file("so.yaml", SEED);
    Path badTrace = file("bad.jsonl", "{\"t\": 0}\n");

    EdwProcess.Result missing = edw("simulate", "--scaled-object", "nope.yaml", "--rate", "1");
    EdwProcess.Result both =
        edw(
            "simulate",
            "--scaled-object",
            so.toString(),
            "--metric-trace",
            badTrace.toString(),
            "--rate",
            "1");
    EdwProcess.Result bad =
        edw("simulate", "--scaled-object", so.toString(), "--metric-trace", badTrace.toString());
    EdwProcess.Result noService = edw("simulate", "--scaled-object", so.toString(), "--rate", "5");
    EdwProcess.Result notKeda =
        edw("simulate", "--scaled-object", badTrace.toString(), "--rate", "5");

    assertThat(missing.exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
    assertThat(both.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(bad.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(bad.stderr()).contains("trace line 1 needs numbers");
    assertThat(noService.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(noService.stderr()).contains("--service-rate");
    assertThat(notKeda.exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }
}
