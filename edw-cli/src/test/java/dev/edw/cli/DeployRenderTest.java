package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code edw deploy render} as users run it: the Kustomize overlays in deploy/kustomize/ build the
 * same objects, and bad input gets a clear error and the documented exit code.
 */
class DeployRenderTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  @TempDir Path dir;

  static Path repo() {
    return Path.of("..").toAbsolutePath().normalize();
  }

  /** Objects keyed by kind/namespace/name; a duplicate key fails the test. */
  static Map<String, JsonNode> objects(String yaml) throws IOException {
    Map<String, JsonNode> byKey = new TreeMap<>();
    try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode o = docs.next();
        if (o == null || o.isNull() || o.isEmpty()) {
          continue;
        }
        String key =
            o.path("kind").asText()
                + "/"
                + o.path("metadata").path("namespace").asText("")
                + "/"
                + o.path("metadata").path("name").asText();
        assertThat(byKey.put(key, o)).as("duplicate object " + key).isNull();
      }
    }
    return byKey;
  }

  static String kubectlKustomize(Path overlay) throws Exception {
    Process p;
    try {
      p =
          new ProcessBuilder("kubectl", "kustomize", overlay.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "kubectl is missing: scripts/test installs it (apt-get install kubernetes-client)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize " + overlay).isZero();
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"aks", "eks"})
  void kustomize_overlay_yields_the_same_objects_as_render(String target) throws Exception {
    EdwProcess.Result rendered =
        EdwProcess.run(dir, Map.of(), "deploy", "render", "--target", target);
    String built = kubectlKustomize(repo().resolve("deploy/kustomize/overlays/" + target));

    assertThat(rendered.exitCode()).isZero();
    Map<String, JsonNode> expected = objects(rendered.stdout());
    Map<String, JsonNode> actual = objects(built);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, object) -> assertThat(actual.get(key)).as(key).isEqualTo(object));
  }

  @Test
  void render_prints_yaml_on_stdout_and_the_stranding_warning_on_stderr() throws Exception {
    EdwProcess.Result r = EdwProcess.run(dir, Map.of(), "deploy", "render", "--target", "k8s");

    assertThat(r.exitCode()).isZero();
    assertThat(objects(r.stdout()))
        .containsKeys("ScaledObject/aqs-demo/aqs-app-scaler", "Service/aqs-demo/edw-redis");
    assertThat(r.stderr()).contains("warning: strands:").doesNotContain("apiVersion");
  }

  @Test
  void a_config_file_changes_only_what_it_names() throws Exception {
    Path config = dir.resolve("edw.yaml");
    Files.writeString(
        config,
        "namespace: batch\nqueue: azure-queue://acct1/jobs\nscaling:\n  maxReplicaCount: 3\n");

    EdwProcess.Result r =
        EdwProcess.run(
            dir, Map.of(), "deploy", "render", "--target", "aks", "--config", config.toString());

    assertThat(r.exitCode()).isZero();
    JsonNode so = objects(r.stdout()).get("ScaledObject/batch/aqs-app-scaler");
    assertThat(so.at("/spec/maxReplicaCount").asInt()).isEqualTo(3);
    assertThat(so.at("/spec/minReplicaCount").asInt()).isZero();
    assertThat(so.at("/spec/triggers/0/metadata/accountName").asText()).isEqualTo("acct1");
    assertThat(so.at("/spec/triggers/0/metadata/queueName").asText()).isEqualTo("jobs");
  }

  @Test
  void bad_input_gets_a_clear_error_and_its_exit_code() throws Exception {
    Path sqlite = dir.resolve("sqlite.yaml");
    Files.writeString(sqlite, "queue: sqlite:edw-data/edw.db#orders\n");

    EdwProcess.Result embedded =
        EdwProcess.run(
            dir, Map.of(), "deploy", "render", "--target", "k8s", "--config", sqlite.toString());
    EdwProcess.Result missing =
        EdwProcess.run(
            dir, Map.of(), "deploy", "render", "--target", "aks", "--config", "nope.yaml");
    EdwProcess.Result target = EdwProcess.run(dir, Map.of(), "deploy", "render", "--target", "gke");

    assertThat(embedded.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(embedded.stderr()).contains("embedded SQLite queue").contains("cannot be shared");
    assertThat(embedded.stdout()).isEmpty();
    assertThat(missing.exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
    assertThat(missing.stderr()).contains("nope.yaml").contains("does not exist");
    assertThat(target.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(target.stderr()).contains("use aks, eks or k8s");
  }
}
