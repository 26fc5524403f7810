package dev.edw.up.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.up.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard page in headless Chromium: it loads, draws its charts, and updates live. */
class DashboardInChromiumTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path profile;

  private static Snapshot snapshot(double t, long visible, int replicas) {
    return new Snapshot(
        t,
        visible,
        visible / 4,
        replicas + 1,
        replicas,
        replicas,
        1,
        2,
        1,
        (long) (t * 20),
        (long) (t * 15),
        15.0 + t,
        0.2 + t / 100,
        0.9 + t / 50);
  }

  private static final String PIXELS =
      "window.edw.charts.map(c => { const d = c.ctx.getImageData(0, 0, c.ctx.canvas.width,"
          + " c.ctx.canvas.height).data; let n = 0; for (let i = 3; i < d.length; i += 4)"
          + " if (d[i] > 0) n++; return n; })";

  @Test
  void page_loads_draws_every_chart_and_updates_on_new_events() throws Exception {
    DashboardEvents events =
        new DashboardEvents(Map.of("kind", "ScaledObject", "name", "seed", "queue", "orders"));
    for (int i = 0; i < 10; i++) {
      events.snapshot(snapshot(i, 100 + 10 * i, i % 4));
    }
    events.decision(new Evaluation(0, "keda", 100, true, 0, 1, "keda: activated at 100 > 20"));
    try (DashboardServer server = new DashboardServer(0, events);
        HeadlessChromium page = HeadlessChromium.open(server.url(), profile)) {
      await()
          .atMost(BOUND)
          .until(() -> page.evaluate("window.edw ? window.edw.points() : 0").asInt() == 10);

      assertThat(page.evaluate("document.querySelectorAll('canvas').length").asInt()).isEqualTo(4);
      JsonNode series = page.evaluate("window.edw.charts.map(c => c.series.length)");
      assertThat(series.toString()).isEqualTo("[3,5,3,3]");
      JsonNode pixels = page.evaluate(PIXELS);
      for (JsonNode drawn : pixels) {
        assertThat(drawn.asInt()).as("painted pixels of a chart: %s", pixels).isGreaterThan(500);
      }
      assertThat(page.evaluate("document.getElementById('stat-visible').textContent").asText())
          .isEqualTo("190");
      assertThat(page.evaluate("document.querySelector('#decisions tbody').textContent").asText())
          .contains("activated at 100 > 20");

      events.snapshot(snapshot(10, 4242, 7));
      events.decision(new Evaluation(15, "hpa", 4242, true, 3, 6, "hpa: ceil(4242/5)=849, capped"));

      await()
          .atMost(BOUND)
          .until(
              () ->
                  page.evaluate("document.getElementById('stat-visible').textContent")
                      .asText()
                      .equals("4242"));
      assertThat(page.evaluate("window.edw.data[0][1].at(-1)").asInt()).isEqualTo(4242);
      assertThat(page.evaluate("window.edw.data[1][2].at(-1)").asInt()).isEqualTo(7);
      AtomicReference<String> rows = new AtomicReference<>();
      await()
          .atMost(BOUND)
          .until(
              () -> {
                rows.set(
                    page.evaluate("document.querySelector('#decisions tbody').textContent")
                        .asText());
                return rows.get().contains("ceil(4242/5)");
              });
      assertThat(page.evaluate("document.getElementById('connection').textContent").asText())
          .isEqualTo("live");
      page.screenshot(Path.of("target", "dashboard.png"));
    }
  }
}
