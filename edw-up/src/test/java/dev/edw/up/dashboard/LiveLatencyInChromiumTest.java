package dev.edw.up.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edw.api.backend.BackendContext;
import dev.edw.core.backend.Backends;
import dev.edw.scaling.load.LoadProfile;
import dev.edw.scaling.spec.KedaYaml;
import dev.edw.up.Up;
import dev.edw.up.UpOptions;
import dev.edw.up.cluster.ClusterOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live {@code edw up} run (thread replicas, real clock) seen in headless Chromium: the latency
 * chart and figures come from the replicas' histograms while messages flow.
 */
class LiveLatencyInChromiumTest {
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final String SCALED_OBJECT =
      """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: {name: live-latency}
      spec:
        minReplicaCount: 1
        maxReplicaCount: 2
        pollingInterval: 1
        triggers:
          - type: azure-queue
            metadata: {queueName: q, queueLength: '5'}
      """;

  @TempDir Path dir;
  @TempDir Path profile;

  @Tag("slow")
  @Test
  void the_page_of_a_live_run_plots_p50_and_p99_from_the_replicas_histograms() throws Exception {
    Backends backends =
        new Backends(
            new BackendContext(
                Map.of("EDW_STORE", "sqlite:" + dir.resolve("e.db")), Clock.systemUTC()));
    UpOptions options =
        new UpOptions(
            "q",
            "results",
            KedaYaml.parse(SCALED_OBJECT),
            LoadProfile.of(LoadProfile.Kind.CONSTANT, 20),
            Duration.ofMinutes(2),
            Duration.ofMillis(50),
            UpOptions.DEFAULT_PROCESSOR,
            2,
            0,
            UpOptions.ReplicaMode.THREADS,
            ClusterOptions.DEFAULTS,
            null,
            0,
            false,
            Duration.ofMillis(200),
            dir.resolve("logs"),
            Duration.ofSeconds(5),
            List.of());
    AtomicReference<String> url = new AtomicReference<>();
    Up up =
        new Up(
            options,
            backends,
            List.of(),
            Clock.systemUTC(),
            null,
            line -> url.set(line.substring(line.indexOf("http"))));
    // its own thread: the common pool may have a single worker, which the page's socket needs
    ExecutorService runner = Executors.newSingleThreadExecutor();
    Future<Up.Report> run = runner.submit(up::run);
    try {
      await().atMost(BOUND).until(() -> url.get() != null);
      try (HeadlessChromium page = HeadlessChromium.open(url.get(), profile)) {
        await()
            .atMost(BOUND)
            .until(
                () ->
                    // the document may not be loaded yet when the page opens: read "" until then
                    page.evaluate("document.getElementById('stat-p99')?.textContent ?? ''")
                        .asText()
                        .endsWith("s"));
        JsonNode latest =
            page.evaluate("[1, 2].map(i => window.edw.data[3][i].filter(v => v != null).at(-1))");
        double p50 = latest.get(0).asDouble();
        double p99 = latest.get(1).asDouble();
        // each message waits at least its 50 ms of work; nothing here takes half a minute
        assertThat(p50).as("p50 %s", latest).isBetween(0.025, 30.0);
        assertThat(p99).as("p99 %s", latest).isBetween(p50, 30.0);
        assertThat(page.evaluate("document.getElementById('stat-p50').textContent").asText())
            .endsWith("s");
      }
    } finally {
      up.stop();
      runner.shutdown();
    }
    Up.Report report = run.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    assertThat(report.completed()).isPositive();
  }
}
