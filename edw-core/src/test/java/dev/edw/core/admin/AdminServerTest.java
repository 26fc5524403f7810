package dev.edw.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger concurrency = new AtomicInteger(4);
  private final ReplicaControl control =
      new ReplicaControl() {
        @Override
        public ReplicaStatus status() {
          return new ReplicaStatus(concurrency.get(), 3, 17, 2, 40, true);
        }

        @Override
        public void setConcurrency(int value) {
          if (value < 1) {
            throw new IllegalArgumentException("'concurrency' must be at least 1.");
          }
          concurrency.set(value);
        }
      };

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
  void status_is_json_with_every_field_of_the_contract() throws Exception {
    try (AdminServer server = new AdminServer(0, control)) {
      HttpResponse<String> status = send(server.port(), "GET", "/admin/status", null);

      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(status.body().trim())
          .isEqualTo(
              "{\"concurrency\":4,\"liveWorkers\":3,\"receiveBudget\":17,\"inFlight\":2,"
                  + "\"completed\":40,\"ready\":true}");
      assertThat(ReplicaStatus.parse(status.body()))
          .isEqualTo(new ReplicaStatus(4, 3, 17, 2, 40, true));
    }
  }

  @Test
  void put_and_post_set_the_concurrency_and_answer_the_new_status() throws Exception {
    try (AdminServer server = new AdminServer(0, control)) {
      HttpResponse<String> put = send(server.port(), "PUT", "/admin/concurrency", "9\n");
      int afterPut = concurrency.get();
      HttpResponse<String> post = send(server.port(), "POST", "/admin/concurrency?value=2", null);

      assertThat(put.statusCode()).isEqualTo(200);
      assertThat(afterPut).isEqualTo(9);
      assertThat(ReplicaStatus.parse(put.body()).concurrency()).isEqualTo(9);
      assertThat(post.statusCode()).isEqualTo(200);
      assertThat(ReplicaStatus.parse(post.body()).concurrency()).isEqualTo(2);
    }
  }

  @Test
  void bad_values_answer_400_and_change_nothing() throws Exception {
    try (AdminServer server = new AdminServer(0, control)) {
      int port = server.port();

      assertThat(send(port, "PUT", "/admin/concurrency", "0").statusCode()).isEqualTo(400);
      assertThat(send(port, "PUT", "/admin/concurrency", "lots").statusCode()).isEqualTo(400);
      assertThat(send(port, "PUT", "/admin/concurrency", "").statusCode()).isEqualTo(400);
      assertThat(send(port, "POST", "/admin/concurrency", null).statusCode()).isEqualTo(400);
      assertThat(send(port, "POST", "/admin/concurrency?value=-3", null).statusCode())
          .isEqualTo(400);
      assertThat(send(port, "GET", "/admin/concurrency", null).statusCode()).isEqualTo(405);
      assertThat(concurrency).hasValue(4);
    }
  }

  @Test
  void the_port_file_is_json_without_the_keys_of_servers_that_are_off(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sub/replica.json");

    new PortFile(42, 9400, null).write(file);
    PortFile first = PortFile.read(file);
    new PortFile(42, 9400, 9500).write(file);

    assertThat(first).isEqualTo(new PortFile(42, 9400, null));
    assertThat(java.nio.file.Files.readString(file).trim())
        .isEqualTo("{\"pid\":42,\"metricsPort\":9400,\"adminPort\":9500}");
    assertThat(java.nio.file.Files.list(file.getParent())).hasSize(1);
  }
}
