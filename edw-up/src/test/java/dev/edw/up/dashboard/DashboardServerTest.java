package dev.edw.up.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(DashboardServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serves_the_page_its_script_and_uplot_from_the_webjar() throws Exception {
    try (DashboardServer server = new DashboardServer(0, new DashboardEvents(Map.of()))) {
      assertThat(server.url()).startsWith("http://127.0.0.1:");
      assertThat(get(server, "/").body()).contains("/lib/uPlot.iife.min.js");
      assertThat(get(server, "/assets/app.js").body()).contains("new uPlot(");
      HttpResponse<String> lib = get(server, "/lib/uPlot.iife.min.js");
      assertThat(lib.statusCode()).isEqualTo(200);
      assertThat(lib.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    }
  }

  @Test
  void unknown_paths_and_escapes_are_not_found() throws Exception {
    try (DashboardServer server = new DashboardServer(0, new DashboardEvents(Map.of()))) {
      assertThat(get(server, "/nope").statusCode()).isEqualTo(404);
      assertThat(get(server, "/assets/missing.js").statusCode()).isEqualTo(404);
      assertThat(get(server, "/lib/..%2F..%2Fpom.properties").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void a_port_in_use_is_a_clear_error() throws Exception {
    try (DashboardServer first = new DashboardServer(0, new DashboardEvents(Map.of()))) {
      assertThatThrownBy(() -> new DashboardServer(first.port(), new DashboardEvents(Map.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--dashboard-port 0");
    }
  }
}
