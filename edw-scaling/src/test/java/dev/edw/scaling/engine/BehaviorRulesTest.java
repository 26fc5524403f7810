package dev.edw.scaling.engine;

import static dev.edw.scaling.engine.Yamls.at;
import static dev.edw.scaling.engine.Yamls.run;
import static dev.edw.scaling.engine.Yamls.scales;
import static dev.edw.scaling.engine.Yamls.so;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.scaling.spec.KedaObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HPA behavior: windows, Pods/Percent policies over periods, selectPolicy, defaults, pauses. */
class BehaviorRulesTest {
  private static String behavior(String body) {
    return "advanced:\n  horizontalPodAutoscalerConfig:\n    behavior:\n" + body.indent(6);
  }

  @Test
  void scale_down_window_and_a_pods_policy_step_down_one_pod_per_period() {
    // t=15: proposal 10, default scale-up max(1+4, ceil(1x2)) = 5. From t=30 the proposal is 1
    // but the 60 s down window holds the max (10) -> current 5. At t=75 the t=15 record is
    // exactly 60 s old and drops, so 1 is proposed, limited to 5-1 = 4 by 1 pod / 30 s. The
    // t=75 event leaves the period at t=105 (only events After the cutoff count): 3, 2 at 135...
    KedaObject spec =
        so(
            0,
            20,
            30,
            300,
            0,
            behavior(
                """
                scaleDown:
                  stabilizationWindowSeconds: 60
                  policies:
                  - type: Pods
                    value: 1
                    periodSeconds: 30
                """));
    List<Evaluation> es = run(spec, 180, 0, 50, 20, 5);

    assertThat(scales(es))
        .containsExactly(
            "0 keda 0->1",
            "15 hpa 1->5",
            "75 hpa 5->4",
            "105 hpa 4->3",
            "135 hpa 3->2",
            "165 hpa 2->1");
    assertThat(at(es, 15, "hpa").reason())
        .isEqualTo(
            "hpa: ceil(50/5)=10, limited to 5 by scaleup policies (Max of 4 pods/15s 100%/15s)");
    assertThat(at(es, 60, "hpa").reason()).contains("by the 60s scale-down stabilization");
    assertThat(at(es, 90, "hpa").reason()).contains("limited to 4 by scaledown policies");
  }

  @Test
  void select_policy_min_takes_the_smaller_scale_up() {
    KedaObject spec = so(0, 20, 30, 300, 0, behavior("scaleUp:\n  selectPolicy: Min\n"));
    // t=15 from 1: min(1+4, ceil(1x2)) = 2; t=30: the t=15 event is not After 30-15: min(6, 4)=4.
    assertThat(scales(run(spec, 45, 0, 100)))
        .containsExactly("0 keda 0->1", "15 hpa 1->2", "30 hpa 2->4", "45 hpa 4->8");
  }

  @Test
  void the_first_sync_records_the_current_replicas_which_a_scale_up_window_then_holds() {
    KedaObject spec =
        so(
            0,
            50,
            30,
            300,
            0,
            behavior(
                """
                scaleUp:
                  stabilizationWindowSeconds: 30
                  policies:
                  - type: Percent
                    value: 50
                    periodSeconds: 15
                """));
    // horizontal.go recordInitialRecommendation: the HPA's first sync (t=15, 1 replica after
    // KEDA's activation) records 1 before stabilizing. t=15: proposal 20, min over the up window
    // (-15,15] = min(20, 1) = 1: no change. t=30: proposal 3, min(3, 1, 20) = 1. t=45: proposal
    // 20, window (15,45] holds only 3 (t=30): 3, then 50%/15s from 1 = ceil(1.5) = 2. t=60:
    // window (30,60] holds 20 (t=45), ceil(2 x 1.5) = 3 (the t=45 event is not After 45).
    List<Evaluation> es = run(spec, 60, 0, 100, 20, 15, 40, 100);

    assertThat(scales(es)).containsExactly("0 keda 0->1", "45 hpa 1->2", "60 hpa 2->3");
    assertThat(at(es, 15, "hpa").reason()).contains("held at 1 by the 30s scale-up stabilization");
    assertThat(at(es, 45, "hpa").reason()).contains("limited to 2 by scaleup policies");
  }

  @Test
  void a_scale_up_event_replaced_as_outdated_no_longer_counts_in_a_longer_scale_down_period() {
    KedaObject spec =
        so(
            1,
            20,
            30,
            300,
            0,
            behavior(
                """
                scaleUp:
                  policies:
                  - type: Pods
                    value: 4
                    periodSeconds: 60
                scaleDown:
                  stabilizationWindowSeconds: 0
                  policies:
                  - type: Pods
                    value: 1
                    periodSeconds: 600
                """));
    // Up 4 pods / 60 s: t=15 1->5 (event +4 at 15), t=75 5->9 (+4 at 75; the t=15 event is not
    // Before 75-60, so it is kept), t=135 9->10: now the t=15 event is outdated and the new +1
    // takes its place (storeScaleEvent, markScaleEventsOutdated with the scale-up policies'
    // longest period). t=150, metric 1: the scale-down limit counts the scale-up events within
    // 600 s, +1 (t=135) and +4 (t=75): period start 10 - 5 = 5, minus 1 pod = 4. Had the
    // replaced t=15 event still counted, the start would be 1 and the limit below min.
    List<Evaluation> es = run(spec, 150, 0, 50, 150, 1);

    assertThat(scales(es))
        .containsExactly(
            "0 keda 0->1", "15 hpa 1->5", "75 hpa 5->9", "135 hpa 9->10", "150 hpa 10->4");
    assertThat(at(es, 150, "hpa").reason()).contains("limited to 4 by scaledown policies");
  }

  @Test
  void per_direction_tolerance_overrides_the_global_ten_percent() {
    String b =
        behavior(
            """
            scaleUp:
              tolerance: 0
            scaleDown:
              tolerance: 0.5
            """);
    KedaObject spec = so(10, 30, 30, 300, 0, b);

    // 55/(5x10) = 1.1: inside the default band, outside a 0 scale-up tolerance.
    assertThat(at(run(spec, 15, 0, 55), 15, "hpa").desired()).isEqualTo(11);
    // 30/50 = 0.6 >= 1 - 0.5: kept.
    assertThat(at(run(spec, 15, 0, 30), 15, "hpa").reason()).contains("within tolerance");
  }

  @Test
  void paused_scale_in_disables_hpa_scale_down_and_keda_scale_to_zero() {
    String pauseIn = "  annotations:\n    autoscaling.keda.sh/paused-scale-in: 'true'\n";
    KedaObject spec = withAnnotations(pauseIn);
    // up: 1 -> 5 (default behavior created by the annotation) -> 10; then metric 0: no way down.
    List<Evaluation> es = run(spec, 600, 0, 50, 40, 0);

    assertThat(scales(es)).containsExactly("0 keda 0->1", "15 hpa 1->5", "30 hpa 5->10");
    assertThat(at(es, 600, "hpa").reason()).contains("Disabled");
    assertThat(at(es, 600, "keda").reason()).contains("scale-in paused");
  }

  @Test
  void paused_scale_out_keeps_keda_from_activating() {
    KedaObject spec =
        withAnnotations("  annotations:\n    autoscaling.keda.sh/paused-scale-out: 'true'\n");
    List<Evaluation> es = run(spec, 60, 0, 50);

    assertThat(scales(es)).isEmpty();
    assertThat(at(es, 0, "keda").reason()).contains("scale-out paused");
  }

  @Test
  void paused_replicas_pins_the_count_and_removes_the_hpa() {
    KedaObject spec =
        withAnnotations("  annotations:\n    autoscaling.keda.sh/paused-replicas: '3'\n");
    List<Evaluation> es = run(spec, 60, 0, 500);

    assertThat(scales(es)).containsExactly("0 keda 0->3");
    assertThat(es).allMatch(e -> e.source().equals("keda"));
  }

  @Test
  void paused_stops_both_loops_where_they_are() {
    KedaObject spec = withAnnotations("  annotations:\n    autoscaling.keda.sh/paused: 'true'\n");
    List<Evaluation> es = run(spec, 60, 0, 500);

    assertThat(scales(es)).isEmpty();
    assertThat(es).hasSize(3).allMatch(e -> e.reason().contains("paused"));
  }

  private static KedaObject withAnnotations(String annotations) {
    return dev.edw.scaling.spec.KedaYaml.parse(
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata:
          name: p
        %s
        spec:
          scaleTargetRef: {name: c}
          maxReplicaCount: 20
          cooldownPeriod: 10
          triggers:
          - type: azure-queue
            metadata: {queueLength: '5'}
        """
            .formatted(annotations.stripTrailing()));
  }
}
