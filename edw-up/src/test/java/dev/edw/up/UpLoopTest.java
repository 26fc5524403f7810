package dev.edw.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.ForwardingWorkQueue;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.spec.KedaYaml;
import dev.edw.testkit.ManualClock;
import dev.edw.up.cluster.Cluster;
import dev.edw.up.cluster.ClusterOptions;
import dev.edw.up.cluster.RecordingLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator on a manual clock, with the real decision engine and a real SQLite queue; the
 * replicas are stand-ins, so the test decides when the backlog drains.
 */
class UpLoopTest {
  private static final String SCALED_OBJECT =
      """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: {name: loop-test}
      spec:
        minReplicaCount: 0
        maxReplicaCount: 6
        pollingInterval: 5
        cooldownPeriod: 10
        triggers:
          - type: azure-queue
            metadata: {queueName: q, queueLength: '5'}
      """;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingLauncher launcher = new RecordingLauncher();
  private final List<Evaluation> decisions = new ArrayList<>();
  private final List<Snapshot> snapshots = new ArrayList<>();
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

  private final UpListener recorder =
      new UpListener() {
        @Override
        public void decision(Evaluation d) {
          decisions.add(d);
        }

        @Override
        public void snapshot(Snapshot s) {
          snapshots.add(s);
        }
      };

  private UpLoop loop(String yaml, WorkQueue q, UpListener... more) {
    List<UpListener> listeners = new ArrayList<>(List.of(recorder));
    listeners.addAll(List.of(more));
    return new UpLoop(
        q,
        new ScalingDriver(KedaYaml.parse(yaml), clock.instant()),
        new Cluster(ClusterOptions.DEFAULTS, launcher),
        null,
        clock,
        listeners);
  }

  private void send(int n) {
    queue.send(
        IntStream.range(0, n).mapToObj(i -> OutgoingMessage.of("{\"msg\":" + i + "}")).toList());
  }

  private void drainQueue() {
    List<ReceivedMessage> got;
    while (!(got = queue.receive(32, Duration.ofSeconds(30), Duration.ZERO)).isEmpty()) {
      queue.delete(got.stream().map(ReceivedMessage::receipt).toList());
    }
  }

  private void stepUntil(UpLoop loop, long seconds) {
    while (snapshots.isEmpty() || snapshots.get(snapshots.size() - 1).t() < seconds) {
      clock.advanceSeconds(1);
      loop.step();
    }
  }

  @Test
  void a_backlog_scales_0_to_1_by_keda_then_to_n_by_the_hpa_and_to_0_after_the_cooldown()
      throws Exception {
    Path timeline = dir.resolve("timeline.jsonl");
    send(50);
    try (TimelineWriter writer = new TimelineWriter(timeline)) {
      UpLoop loop = loop(SCALED_OBJECT, queue, writer);

      Snapshot first = loop.step();
      assertThat(first.visible()).isEqualTo(50);
      assertThat(decisions)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.source()).isEqualTo("keda");
                assertThat(d.metric()).isEqualTo(50);
                assertThat(d.desired()).isEqualTo(1);
              });
      stepUntil(loop, 1);
      assertThat(launcher.names()).containsExactly("pod-1");

      stepUntil(loop, 15);
      Evaluation hpa = decisions.get(decisions.size() - 1);
      assertThat(hpa.source()).isEqualTo("hpa");
      assertThat(hpa.t()).isEqualTo(15);
      assertThat(hpa.current()).isEqualTo(1);
      assertThat(hpa.desired()).as(hpa.reason()).isEqualTo(4);
      stepUntil(loop, 16);
      assertThat(launcher.names()).containsExactly("pod-1", "pod-2", "pod-3", "pod-4");
      assertThat(snapshots.get(snapshots.size() - 1).current()).isEqualTo(4);

      drainQueue();
      stepUntil(loop, 25);
      assertThat(launcher.launched).noneMatch(r -> r.terminated);
      stepUntil(loop, 30);
      // last active at 15; 15 + cooldown 10 = 25 has not strictly passed at 25, it has at 30
      Evaluation zero =
          decisions.stream()
              .filter(d -> d.source().equals("keda") && d.desired() == 0 && d.current() == 4)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no scale to zero in " + decisions));
      assertThat(zero.t()).as(zero.reason()).isEqualTo(30);
      assertThat(zero.desired()).as(zero.reason()).isZero();
      assertThat(launcher.launched).allMatch(r -> r.terminated);
      assertThat(loop.idle()).as("replicas still draining").isFalse();

      launcher.launched.forEach(r -> r.alive = false);
      stepUntil(loop, 31);
      assertThat(loop.idle()).isTrue();
      assertThat(snapshots.get(snapshots.size() - 1).current()).isZero();
    }
    List<String> lines = Files.readAllLines(timeline);
    assertThat(lines).hasSize(decisions.size());
    assertThat(lines.get(0))
        .startsWith(
            "{\"t\":0,\"source\":\"keda\",\"metric\":50.0,\"active\":true,\"current\":0,\"desired\":1,\"reason\":");
    assertThat(lines)
        .anyMatch(l -> l.contains("\"source\":\"hpa\"") && l.contains("\"desired\":4"));
  }

  @Test
  void an_unreadable_queue_is_a_trigger_error_and_the_loop_keeps_deciding() {
    boolean[] broken = {false};
    WorkQueue flaky =
        new ForwardingWorkQueue(queue) {
          @Override
          public QueueDepth depth() {
            if (broken[0]) {
              throw new IllegalStateException("backend down");
            }
            return super.depth();
          }
        };
    send(10);
    UpLoop loop = loop(SCALED_OBJECT, flaky);
    loop.step();
    assertThat(decisions.get(0).desired()).isEqualTo(1);

    broken[0] = true;
    stepUntil(loop, 5);

    assertThat(loop.errors()).isEqualTo(5);
    assertThat(decisions).hasSize(2);
    Evaluation during = decisions.get(1);
    assertThat(during.t()).isEqualTo(5);
    assertThat(during.desired()).as(during.reason()).isEqualTo(1);
    assertThat(snapshots.get(snapshots.size() - 1).visible()).as("last depth shown").isEqualTo(10);
  }

  @Test
  void a_listener_that_throws_does_not_stop_the_loop_or_the_other_listeners() {
    UpListener broken =
        new UpListener() {
          @Override
          public void snapshot(Snapshot s) {
            throw new IllegalStateException("listener bug");
          }
        };
    UpLoop loop = loop(SCALED_OBJECT, queue, broken);
    send(3);

    loop.step();
    stepUntil(loop, 2);

    assertThat(snapshots).hasSize(3);
    assertThat(loop.errors()).isZero();
  }

  @Test
  void a_scaled_job_creates_the_jobs_the_engine_asks_for_and_counts_them_until_they_exit() {
    String scaledJob =
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledJob
        metadata: {name: job-test}
        spec:
          maxReplicaCount: 5
          pollingInterval: 2
          triggers:
            - type: azure-queue
              metadata: {queueName: q, queueLength: '5'}
        """;
    send(12);
    UpLoop loop = loop(scaledJob, queue);

    loop.step();
    int asked = decisions.get(0).desired();
    assertThat(asked).as(decisions.get(0).reason()).isEqualTo(3);
    stepUntil(loop, 1);
    assertThat(launcher.launched).hasSize(3).allMatch(r -> r.job);
    assertThat(snapshots.get(snapshots.size() - 1).current()).isEqualTo(3);

    drainQueue();
    launcher.launched.forEach(r -> r.alive = false);
    stepUntil(loop, 4);

    assertThat(decisions.get(decisions.size() - 1).desired()).isZero();
    assertThat(launcher.launched).hasSize(3);
    assertThat(loop.idle()).isTrue();
  }
}
