package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running consumer's {@code /metrics} passes {@code promtool check metrics} (installed by
 * scripts/test) and has the series operators aggregate on; its JSON logs are one object a line.
 */
class MetricsExpositionTest {
  private static final Pattern PORT = Pattern.compile("metrics port (\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void metrics_pass_promtool_and_json_logs_are_one_object_per_line() throws Exception {
    assertThat(EdwProcess.run(dir, Map.of(), "produce", "--count", "20").exitCode()).isZero();
    Process consumer =
        EdwProcess.start(
            dir,
            Map.of("EDW_LOG_FORMAT", "json"),
            "consume",
            "--metrics-port",
            "0",
            "--metrics-host",
            "127.0.0.1",
            "--progress-interval",
            "1s");
    try {
      Path log = logOf(consumer);
      java.util.concurrent.atomic.AtomicInteger port =
          new java.util.concurrent.atomic.AtomicInteger(-1);
      await().atMost(Duration.ofSeconds(60)).until(() -> port.updateAndGet(p -> port(log)) > 0);
      HttpClient http = HttpClient.newHttpClient();
      java.util.concurrent.atomic.AtomicReference<String> scraped =
          new java.util.concurrent.atomic.AtomicReference<>("");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  scraped
                      .updateAndGet(m -> scrape(http, port.get()))
                      .contains("edw_messages_processed_total{queue=\"edw-queue\"} 20.0"));
      String metrics = scraped.get();

      Path file = Files.writeString(dir.resolve("metrics.txt"), metrics);
      Process promtool =
          new ProcessBuilder("promtool", "check", "metrics")
              .redirectInput(file.toFile())
              .redirectErrorStream(true)
              .start();
      String verdict = new String(promtool.getInputStream().readAllBytes());
      assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(promtool.exitValue()).as(verdict).isZero();
      assertThat(metrics)
          .contains("edw_processing_seconds_bucket{queue=\"edw-queue\",le=\"0.1\"}")
          .contains("edw_end_to_end_seconds_bucket{queue=\"edw-queue\",le=\"+Inf\"} 20")
          .contains("edw_loop_errors_total{loop=\"poll\",queue=\"edw-queue\"} 0.0")
          .contains("edw_queue_depth{queue=\"edw-queue\",state=\"visible\"}")
          .contains("edw_build_info{")
          .contains("jvm_memory_used_bytes")
          .contains("process_cpu_usage")
          .contains(
              "messaging_client_consumed_messages_total{messaging_destination_name=\"edw-queue\","
                  + "messaging_system=\"sqlite\"} 20.0")
          .contains("messaging_process_duration_seconds_bucket");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(log).contains("progress edw-queue: 20 completed"));
    } finally {
      consumer.destroy();
      assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    List<String> lines = Files.readString(logOf(consumer)).lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode event = JSON.readTree(line);
      assertThat(event.isObject()).as(line).isTrue();
      assertThat(event.has("level") && event.has("logger") && event.has("message"))
          .as(line)
          .isTrue();
    }
  }

  private Path logOf(Process consumer) throws java.io.IOException {
    try (var files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("edw-"))
          .filter(p -> p.toString().endsWith(".log"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static int port(Path log) {
    try {
      Matcher m = PORT.matcher(Files.readString(log));
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String scrape(HttpClient http, int port) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
