package dev.edw.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.sim.TimelineReplay;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.KedaYaml;
import dev.edw.testkit.ManualClock;
import dev.edw.up.cluster.Cluster;
import dev.edw.up.cluster.ClusterOptions;
import dev.edw.up.cluster.RecordingLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A timeline recorded by {@code edw up}'s loop (real SQLite queue, real engine, manual clock),
 * replayed through {@code edw simulate}'s trace simulator, gives the same decisions.
 */
class UpTimelineReplayTest {
  private static final String SCALED_OBJECT =
      """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: {name: replay}
      spec:
        minReplicaCount: 0
        maxReplicaCount: 8
        pollingInterval: 10
        cooldownPeriod: 20
        triggers:
          - type: azure-queue
            metadata: {queueName: q, queueLength: '5', activationQueueLength: '3'}
      """;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingLauncher launcher = new RecordingLauncher();
  private WorkQueue queue;

  @BeforeEach
  void openQueue() {
    Backends backends =
        new Backends(
            new BackendContext(Map.of("EDW_STORE", "sqlite:" + dir.resolve("e.db")), clock));
    queue = backends.queue("q");
    queue.createIfMissing();
  }

  @AfterEach
  void closeQueue() {
    queue.close();
  }

  private void send(int n) {
    queue.send(
        IntStream.range(0, n).mapToObj(i -> OutgoingMessage.of("{\"i\":" + i + "}")).toList());
  }

  private void finish(int n) {
    List<ReceivedMessage> got = queue.receive(n, Duration.ofSeconds(600), Duration.ZERO);
    queue.delete(got.stream().map(ReceivedMessage::receipt).toList());
  }

  @Test
  void a_recorded_edw_up_timeline_replays_to_the_same_decisions() throws Exception {
    KedaObject spec = KedaYaml.parse(SCALED_OBJECT);
    Path timeline = dir.resolve("timeline.jsonl");
    try (TimelineWriter writer = new TimelineWriter(timeline)) {
      UpLoop loop =
          new UpLoop(
              queue,
              new ScalingDriver(spec, clock.instant()),
              new Cluster(ClusterOptions.DEFAULTS, launcher),
              null,
              clock,
              List.of(writer));
      // a burst, a partial drain, a second burst, then an empty queue: up, down, up and to 0
      send(60);
      for (int s = 0; s <= 240; s++) {
        if (s == 40) {
          finish(45);
        }
        if (s == 70) {
          send(30);
        }
        if (s == 120) {
          finish(1000);
        }
        loop.step();
        launcher.launched.stream().filter(r -> r.terminated).forEach(r -> r.alive = false);
        clock.advanceSeconds(1);
      }
    }
    List<String> recorded = Files.readAllLines(timeline);
    List<Evaluation> decisions = recorded.stream().map(Evaluation::fromJson).toList();

    assertThat(decisions).anyMatch(e -> e.source().equals("hpa") && e.desired() > e.current());
    assertThat(decisions)
        .anyMatch(e -> e.source().equals("keda") && e.current() > 0 && e.desired() == 0);
    assertThat(TimelineReplay.compare(spec, recorded)).isEmpty();
  }
}
