package dev.edw.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.queue.ReceivedMessage;
import dev.edw.core.metrics.WorkerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void endpoints_report_liveness_readiness_and_worker_metrics() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WorkerMetrics metrics = new WorkerMetrics(registry, "orders");
    AtomicBoolean ready = new AtomicBoolean(true);
    ReceivedMessage m = new ReceivedMessage("id-1", "{}", 1, Instant.now(), null, null);
    metrics.processed(m, Duration.ofMillis(3));
    metrics.completed(m, Duration.ofMillis(40));
    metrics.failed(m, new IllegalStateException("x"), Duration.ofSeconds(1));
    metrics.poisoned(m, "x");
    metrics.inFlight(7);

    try (HealthServer server = new HealthServer("127.0.0.1", 0, registry, ready::get)) {
      HttpResponse<String> health = get(server.port(), "/healthz");
      HttpResponse<String> readyNow = get(server.port(), "/readyz");
      ready.set(false);
      HttpResponse<String> draining = get(server.port(), "/readyz");
      String scrape = get(server.port(), "/metrics").body();

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(readyNow.statusCode()).isEqualTo(200);
      assertThat(draining.statusCode()).isEqualTo(503);
      assertThat(scrape)
          .contains("edw_messages_processed_total{queue=\"orders\"} 1.0")
          .contains("edw_messages_failed_total{queue=\"orders\"} 1.0")
          .contains("edw_messages_poisoned_total{queue=\"orders\"} 1.0")
          .contains("edw_in_flight{queue=\"orders\"} 7.0")
          .contains("edw_processing_seconds_count{queue=\"orders\"} 1")
          .contains("edw_end_to_end_seconds_count{queue=\"orders\"} 1");
    }
  }
}
