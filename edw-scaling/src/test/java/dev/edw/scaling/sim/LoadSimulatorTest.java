package dev.edw.scaling.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edw.scaling.check.Finding;
import dev.edw.scaling.load.LoadProfile;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.KedaYaml;
import org.junit.jupiter.api.Test;

class LoadSimulatorTest {
  private static KedaObject so(int activation, int max, String extra) {
    return KedaYaml.parse(
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: s}
        spec:
          minReplicaCount: 0
          maxReplicaCount: %d
          pollingInterval: 30
          cooldownPeriod: 300
        %s
          triggers:
          - {type: azure-queue, metadata: {queueLength: '5', activationQueueLength: '%d'}}
        """
            .formatted(max, extra, activation));
  }

  private static LoadResult run(
      KedaObject spec, String profile, double service, int perNode, long d) {
    return new LoadSimulator(
            spec, new LoadOptions(LoadProfile.parse(profile), service, perNode, 60, 0, d))
        .run();
  }

  @Test
  void a_backlog_at_the_activation_threshold_is_stranded_for_ever() {
    // 15 messages in the first second; 15 <= 20 never activates: all 15 wait to the end.
    LoadResult r = run(so(20, 15, ""), "--profile burst --rate 15 --length 1", 1, 0, 300);

    assertThat(r.summary().maxReplicas()).isZero();
    assertThat(r.summary().leftOnQueue()).isCloseTo(15, within(1e-6));
    assertThat(r.summary().drainSeconds()).isEqualTo(-1);
    assertThat(r.summary().worstLatencySeconds()).isCloseTo(300, within(0.2));
    assertThat(r.findings()).extracting(Finding::code).contains("strands");
  }

  @Test
  void a_burst_scales_up_drains_and_loses_nothing() {
    // 600 messages in 30 s; KEDA sees them at t=30 (0 -> 1, HPA -> 4 the same second).
    LoadResult r = run(so(0, 15, ""), "--profile burst --rate 20 --length 30", 2, 0, 400);

    assertThat(r.summary().arrived()).isCloseTo(600, within(1e-6));
    assertThat(r.summary().processed() + r.summary().leftOnQueue()).isCloseTo(600, within(1e-6));
    assertThat(r.summary().leftOnQueue()).isZero();
    assertThat(r.summary().maxReplicas()).isEqualTo(15);
    assertThat(r.summary().drainSeconds()).isPositive();
    assertThat(r.series().get(30).desired()).isEqualTo(4);
    // the first message waited from t=0 until a replica came at t=30
    assertThat(r.summary().worstLatencySeconds()).isGreaterThanOrEqualTo(30);
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void pods_wait_for_their_nodes() {
    LoadResult r = run(so(0, 15, ""), "--profile constant --rate 10", 2, 3, 200);

    // t=30: KEDA 0 -> 1 and HPA -> 4 at once; 4 pods on ceil(4/3) = 2 nodes, ready at t=90.
    // By then the HPA has asked for more (8 at t=45), so both nodes are full: 6 ready pods.
    assertThat(r.series().get(31).desired()).isEqualTo(4);
    assertThat(r.series().get(31).nodes()).isEqualTo(2);
    assertThat(r.series().get(89).ready()).isZero();
    assertThat(r.series().get(91).ready()).isEqualTo(6);
    assertThat(r.summary().maxNodes()).isEqualTo(5);
  }

  @Test
  void too_few_replicas_for_the_load_cannot_keep_up() {
    LoadResult r = run(so(0, 3, ""), "--profile constant --rate 10", 1, 0, 300);

    assertThat(r.findings()).extracting(Finding::code).contains("cannot-keep-up");
    assertThat(r.summary().leftOnQueue()).isGreaterThan(1000);
  }

  @Test
  void a_scaled_job_creates_a_job_per_message_up_to_max() {
    KedaObject job =
        KedaYaml.parse(
            """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledJob
            metadata: {name: j}
            spec:
              pollingInterval: 10
              maxReplicaCount: 4
              triggers:
              - {type: azure-queue, metadata: {queueLength: '1'}}
            """);
    LoadResult r = run(job, "--profile burst --rate 10 --length 1", 1, 0, 60);

    assertThat(r.summary().maxReplicas()).isEqualTo(4);
    assertThat(r.summary().leftOnQueue()).isZero();
    assertThat(r.summary().processed()).isCloseTo(10, within(1e-6));
  }
}
