package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edw.core.admin.PortFile;
import dev.edw.core.admin.ReplicaStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parent process finds a replica's ports in its port file and resizes it at runtime. */
class ControlSurfaceTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(int port, String method, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_replica_on_port_zero_reports_its_ports_and_takes_a_new_concurrency() throws Exception {
    Map<String, String> env = Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"));
    Path portFile = dir.resolve("replica.json");
    assertThat(EdwProcess.run(dir, env, "produce", "--count", "20").exitCode()).isZero();
    Process consumer =
        EdwProcess.start(
            dir,
            env,
            "consume",
            "--concurrency",
            "2",
            "--processor-option",
            "workMs=60000",
            "--drain-timeout",
            "1s",
            "--metrics-port",
            "0",
            "--admin-port",
            "0",
            "--port-file",
            portFile.toString());
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(portFile));
      PortFile ports = PortFile.read(portFile);
      assertThat(ports.pid()).isEqualTo(consumer.pid());
      assertThat(ports.metricsPort()).isPositive();
      assertThat(ports.adminPort()).isPositive().isNotEqualTo(ports.metricsPort());

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  ReplicaStatus.parse(send(ports.adminPort(), "GET", "/admin/status", null).body())
                          .inFlight()
                      > 0);
      HttpResponse<String> resized = send(ports.adminPort(), "PUT", "/admin/concurrency", "5");
      HttpResponse<String> bad = send(ports.adminPort(), "PUT", "/admin/concurrency", "zero");

      assertThat(resized.statusCode()).isEqualTo(200);
      assertThat(ReplicaStatus.parse(resized.body()).concurrency()).isEqualTo(5);
      assertThat(bad.statusCode()).isEqualTo(400);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                ReplicaStatus status =
                    ReplicaStatus.parse(
                        send(ports.adminPort(), "GET", "/admin/status", null).body());
                assertThat(status.liveWorkers()).isEqualTo(5);
                assertThat(status.ready()).isTrue();
              });
      String scrape = send(ports.metricsPort(), "GET", "/metrics", null).body();
      assertThat(scrape)
          .contains("edw_concurrency{queue=\"edw-queue\"} 5.0")
          .contains("edw_workers_live{queue=\"edw-queue\"} 5.0")
          .contains("edw_receive_budget{queue=\"edw-queue\"}");
    } finally {
      consumer.destroy();
      assertThat(consumer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
