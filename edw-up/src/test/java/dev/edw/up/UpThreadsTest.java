package dev.edw.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.scaling.load.LoadProfile;
import dev.edw.scaling.spec.KedaYaml;
import dev.edw.up.cluster.ClusterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole {@code edw up} run of a ScaledJob with thread replicas, on the real clock. */
class UpThreadsTest {
  private static final String SCALED_JOB =
      """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledJob
      metadata: {name: threads-test}
      spec:
        maxReplicaCount: 4
        pollingInterval: 1
        triggers:
          - type: azure-queue
            metadata: {queueName: q, queueLength: '5'}
      """;

  @TempDir Path dir;

  @Tag("slow")
  @Test
  void a_scaled_job_run_creates_jobs_for_a_burst_and_ends_idle_with_one_row_per_message()
      throws Exception {
    Backends backends =
        new Backends(
            new BackendContext(
                Map.of("EDW_STORE", "sqlite:" + dir.resolve("e.db")), Clock.systemUTC()));
    Path timeline = dir.resolve("timeline.jsonl");
    UpOptions options =
        new UpOptions(
            "q",
            "results",
            KedaYaml.parse(SCALED_JOB),
            new LoadProfile(LoadProfile.Kind.BURST, 40, 0, 0, 1, 0),
            Duration.ofSeconds(2),
            Duration.ofMillis(50),
            UpOptions.DEFAULT_PROCESSOR,
            1,
            0,
            UpOptions.ReplicaMode.THREADS,
            ClusterOptions.DEFAULTS,
            timeline,
            -1,
            true,
            Duration.ofMillis(200),
            dir.resolve("logs"),
            Duration.ofSeconds(5),
            List.of());
    Up up = new Up(options, backends, List.of(), Clock.systemUTC(), null, line -> {});

    Up.Report report =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return up.run();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .get(120, TimeUnit.SECONDS);

    assertThat(report.sent()).isEqualTo(40);
    assertThat(report.completed()).isEqualTo(40);
    assertThat(report.visibleLeft()).isZero();
    assertThat(report.peakReplicas()).isBetween(1, 4);
    try (ResultTable rows = backends.table("results")) {
      assertThat(rows.count()).isEqualTo(40);
    }
    assertThat(Files.readAllLines(timeline))
        .anyMatch(l -> l.contains("\"active\":true") && !l.contains("\"desired\":0"));
  }
}
