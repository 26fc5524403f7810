package dev.edw.scaling.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.spec.KedaYaml;
import dev.edw.scaling.spec.ScaledObjectSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingChecksTest {
  private static ScaledObjectSpec so(int min, int max, int polling, int cooldown, int activation) {
    return (ScaledObjectSpec)
        KedaYaml.parse(
            """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: s}
            spec:
              minReplicaCount: %d
              maxReplicaCount: %d
              pollingInterval: %d
              cooldownPeriod: %d
              triggers:
              - {type: azure-queue, metadata: {queueLength: '5', activationQueueLength: '%d'}}
            """
                .formatted(min, max, polling, cooldown, activation));
  }

  @Test
  void the_seed_strands_20_messages_and_flaps_at_the_activation_threshold() {
    List<Finding> f = ScalingChecks.check(so(0, 15, 30, 10, 20));

    assertThat(f).extracting(Finding::code).containsExactly("strands", "flaps");
    assertThat(f.get(0).message()).contains("up to 20 messages", "above the target 5");
    assertThat(f.get(1).message()).contains("cooldownPeriod 10 < pollingInterval 30");
  }

  @Test
  void sane_settings_have_no_findings() {
    assertThat(ScalingChecks.check(so(0, 15, 15, 300, 0))).isEmpty();
    assertThat(ScalingChecks.check(so(1, 15, 30, 10, 20))).isEmpty();
  }

  @Test
  void capacity_below_the_arrival_rate_cannot_keep_up() {
    List<Finding> f = ScalingChecks.check(so(0, 15, 15, 300, 0), 50, 2);

    assertThat(f).extracting(Finding::code).containsExactly("cannot-keep-up");
    assertThat(f.get(0).message()).contains("15 x 2 msg/s = 30 msg/s < arrival 50", "at least 25");
  }

  @Test
  void a_long_polling_interval_or_a_high_max_reacts_slowly_to_a_burst() {
    // seed: 30 s to notice, then 1 -> 4 -> 8 -> 15 in 3 syncs = 75 s
    assertThat(ScalingChecks.secondsToMax(so(0, 15, 30, 10, 20))).isEqualTo(75);
    // 1 -> 4 -> 8 -> 16 -> ... -> 256 -> 300: 8 syncs after 120 s of polling
    assertThat(ScalingChecks.slowBurst(so(0, 300, 120, 300, 0)))
        .hasValueSatisfying(x -> assertThat(x.message()).contains("up to 240 s"));
  }

  @Test
  void reversals_in_a_timeline_are_flapping() {
    List<Evaluation> flappy =
        List.of(
            new Evaluation(0, "keda", 25, true, 0, 1, ""),
            new Evaluation(30, "keda", 5, false, 1, 0, ""),
            new Evaluation(60, "keda", 25, true, 0, 1, ""),
            new Evaluation(90, "keda", 5, false, 1, 0, ""));
    List<Evaluation> calm =
        List.of(
            new Evaluation(0, "keda", 25, true, 0, 1, ""),
            new Evaluation(400, "keda", 0, false, 1, 0, ""));

    assertThat(ScalingChecks.flapping(flappy)).isPresent();
    assertThat(ScalingChecks.flapping(calm)).isEmpty();
  }
}
