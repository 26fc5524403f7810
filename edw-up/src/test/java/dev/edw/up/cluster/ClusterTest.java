package dev.edw.up.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingLauncher launcher = new RecordingLauncher();

  private Cluster cluster(Duration podStartup, int podsPerNode, Duration nodeStartup) {
    return new Cluster(
        new ClusterOptions(podStartup, podsPerNode, nodeStartup, Duration.ofSeconds(20)), launcher);
  }

  private void at(Cluster c, long seconds) {
    clock.advanceSeconds(seconds);
    c.tick(clock.instant());
  }

  @Test
  void pods_wait_pending_for_a_node_then_out_the_pod_startup_before_their_replica_starts() {
    Cluster c = cluster(Duration.ofSeconds(5), 2, Duration.ofSeconds(30));

    c.scaleTo(3, clock.instant());
    c.tick(clock.instant());
    ClusterView v = c.view(clock.instant());
    assertThat(v.current()).isEqualTo(3);
    assertThat(v.pending()).isEqualTo(3);
    assertThat(v.nodes()).isEqualTo(2);
    assertThat(v.readyNodes()).isZero();
    assertThat(v.pods()).extracting(PodView::phase).containsOnly(PodPhase.PENDING);

    at(c, 29);
    assertThat(launcher.launched).isEmpty();

    at(c, 1);
    assertThat(c.view(clock.instant()).readyNodes()).isEqualTo(2);
    assertThat(c.view(clock.instant()).pods())
        .extracting(PodView::phase)
        .containsOnly(PodPhase.STARTING);
    assertThat(launcher.launched).isEmpty();

    at(c, 5);
    assertThat(launcher.names()).containsExactly("pod-1", "pod-2", "pod-3");
    v = c.view(clock.instant());
    assertThat(v.ready()).isEqualTo(3);
    assertThat(v.pending()).isZero();
    assertThat(v.pods()).extracting(PodView::node).containsExactly("node-1", "node-1", "node-2");
  }

  @Test
  void scale_in_sends_sigterm_to_the_newest_replicas_and_forgets_them_once_they_exit() {
    Cluster c = cluster(Duration.ZERO, 0, Duration.ZERO);
    c.scaleTo(3, clock.instant());
    c.tick(clock.instant());
    assertThat(launcher.names()).containsExactly("pod-1", "pod-2", "pod-3");

    at(c, 1);
    c.scaleTo(1, clock.instant());

    assertThat(launcher.get("pod-3").terminated).isTrue();
    assertThat(launcher.get("pod-2").terminated).isTrue();
    assertThat(launcher.get("pod-1").terminated).isFalse();
    ClusterView v = c.view(clock.instant());
    assertThat(v.current()).isEqualTo(1);
    assertThat(v.terminating()).isEqualTo(2);

    launcher.get("pod-3").completed = 7;
    launcher.get("pod-3").alive = false;
    at(c, 1);
    v = c.view(clock.instant());
    assertThat(v.terminating()).isEqualTo(1);
    assertThat(v.pods()).extracting(PodView::name).containsExactly("pod-1", "pod-2");
    assertThat(c.completed()).as("an exited replica's messages still count").isEqualTo(7);
    assertThat(launcher.launched).hasSize(3);
  }

  @Test
  void scale_in_drops_pods_that_never_started_before_it_touches_a_running_one() {
    Cluster c = cluster(Duration.ofSeconds(10), 0, Duration.ZERO);
    c.scaleTo(1, clock.instant());
    at(c, 10);
    assertThat(launcher.names()).containsExactly("pod-1");

    c.scaleTo(3, clock.instant());
    at(c, 1);
    c.scaleTo(1, clock.instant());

    assertThat(launcher.get("pod-1").terminated).isFalse();
    assertThat(c.view(clock.instant()).pods()).extracting(PodView::name).containsExactly("pod-1");
    at(c, 20);
    assertThat(launcher.names()).containsExactly("pod-1");
  }

  @Test
  void a_replica_that_dies_is_replaced_like_a_deployment_pod() {
    Cluster c = cluster(Duration.ZERO, 0, Duration.ZERO);
    c.scaleTo(2, clock.instant());
    c.tick(clock.instant());

    launcher.get("pod-1").alive = false;
    at(c, 1);

    assertThat(launcher.names()).containsExactly("pod-1", "pod-2", "pod-3");
    assertThat(c.view(clock.instant()).current()).isEqualTo(2);
  }

  @Test
  void jobs_count_as_running_until_their_replica_exits_and_are_not_replaced() {
    Cluster c = cluster(Duration.ofSeconds(2), 0, Duration.ZERO);
    c.createJobs(2, clock.instant());
    ClusterView v = c.view(clock.instant());
    assertThat(v.runningJobs()).isEqualTo(2);
    assertThat(v.pendingJobs()).isEqualTo(2);
    assertThat(v.current()).as("jobs are not deployment replicas").isZero();

    at(c, 2);
    assertThat(launcher.launched).allMatch(r -> r.job);
    assertThat(c.view(clock.instant()).pendingJobs()).isZero();

    launcher.get("job-1").alive = false;
    at(c, 1);
    v = c.view(clock.instant());
    assertThat(v.runningJobs()).isEqualTo(1);
    assertThat(v.finishedJobs()).isEqualTo(1);
    assertThat(launcher.launched).hasSize(2);
  }

  @Test
  void an_empty_node_is_removed_after_the_idle_time_and_a_busy_one_is_kept() {
    Cluster c = cluster(Duration.ZERO, 1, Duration.ofSeconds(10));
    c.scaleTo(2, clock.instant());
    c.tick(clock.instant());
    at(c, 10);
    assertThat(c.view(clock.instant()).nodes()).isEqualTo(2);

    c.scaleTo(1, clock.instant());
    launcher.get("pod-2").alive = false;
    at(c, 1);
    assertThat(c.view(clock.instant()).nodes()).isEqualTo(2);

    at(c, 19);
    assertThat(c.view(clock.instant()).nodes()).isEqualTo(2);
    at(c, 1);
    assertThat(c.view(clock.instant()).nodes()).isEqualTo(1);
    assertThat(c.view(clock.instant()).pods()).extracting(PodView::node).containsExactly("node-1");
  }

  @Test
  void negative_pods_per_node_is_refused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new ClusterOptions(Duration.ZERO, -1, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--pods-per-node");
  }
}
