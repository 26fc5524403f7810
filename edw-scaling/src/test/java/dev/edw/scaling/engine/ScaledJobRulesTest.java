package dev.edw.scaling.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.KedaYaml;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ScaledJob: queueLength, maxValue, multipleScalersCalculation and the four strategies. */
class ScaledJobRulesTest {
  private static KedaObject job(String strategy, int min) {
    return KedaYaml.parse(
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledJob
        metadata: {name: j}
        spec:
          jobTargetRef: {template: {}}
          minReplicaCount: %d
          maxReplicaCount: 10
          scalingStrategy:
        %s
          triggers:
          - type: azure-queue
            metadata: {queueLength: '5'}
        """
            .formatted(min, strategy.indent(4).stripTrailing()));
  }

  private static Evaluation poll(KedaObject spec, double queue, int running, int pending) {
    return new Autoscaler(spec, Instant.EPOCH)
        .advance(Instant.EPOCH, Observation.ofJobs(Map.of("0", queue), running, pending))
        .get(0);
  }

  @Test
  void default_strategy_creates_max_value_minus_running() {
    // 23 messages, target 5: maxValue min(4.6, 10) -> 5; 5 - 2 running = 3; min(23, 3) = 3
    Evaluation e = poll(job("strategy: default", 0), 23, 2, 0);

    assertThat(e.desired()).isEqualTo(3);
    assertThat(e.current()).isEqualTo(2);
    assertThat(e.reason()).contains("default: 5-2 running", "create min(23,3)=3");
  }

  @Test
  void three_messages_under_a_target_of_five_make_one_job() {
    assertThat(poll(job("strategy: default", 0), 3, 0, 0).desired()).isEqualTo(1);
  }

  @Test
  void custom_accurate_and_eager_follow_their_formulas() {
    String custom =
        "strategy: custom\ncustomScalingQueueLengthDeduction: 1\ncustomScalingRunningJobPercentage: '0.5'";
    // custom: min(5 - 1 - int(2 x 0.5), 10) = 3
    assertThat(poll(job(custom, 0), 23, 2, 0).desired()).isEqualTo(3);
    // accurate: 5 + 2 - 1 <= 10 -> 5 - 1 pending = 4
    assertThat(poll(job("strategy: accurate", 0), 23, 2, 1).desired()).isEqualTo(4);
    // accurate over max: 5 + 8 - 0 > 10 -> 10 - 8 = 2
    assertThat(poll(job("strategy: accurate", 0), 23, 8, 0).desired()).isEqualTo(2);
    // eager: min(10 - 2 - 1, 5) = 5, scaleTo 10 -> 5
    assertThat(poll(job("strategy: eager", 0), 23, 2, 1).desired()).isEqualTo(5);
  }

  @Test
  void custom_without_a_percentage_is_the_default_strategy() {
    Evaluation e = poll(job("strategy: custom\ncustomScalingQueueLengthDeduction: 4", 0), 23, 2, 0);
    assertThat(e.desired()).isEqualTo(3);
    assertThat(e.reason()).contains("default:");
  }

  @Test
  void inactive_creates_nothing_and_min_replicas_make_it_active() {
    assertThat(poll(job("strategy: default", 0), 0, 0, 0).desired()).isZero();
    Evaluation min = poll(job("strategy: default", 2), 0, 0, 0);
    assertThat(min.active()).isTrue();
    assertThat(min.desired()).isEqualTo(2);
  }

  @Test
  void multiple_scalers_calculation_combines_active_triggers() {
    String yaml =
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledJob
        metadata: {name: j}
        spec:
          maxReplicaCount: 10
          scalingStrategy: {multipleScalersCalculation: %s}
          triggers:
          - {type: azure-queue, name: a, metadata: {queueLength: '5'}}
          - {type: aws-sqs-queue, name: b, metadata: {queueLength: '2'}}
        """;
    Map<String, Integer> expect = Map.of("max", 2, "min", 3, "avg", 3, "sum", 5);
    expect.forEach(
        (calc, jobs) -> {
          // a: 10 -> maxValue 2; b: 6 -> 3. max picks a (10), min picks b (6), avg 8 / 2.5, sum 16
          // / 5
          Evaluation e =
              new Autoscaler(KedaYaml.parse(yaml.formatted(calc)), Instant.EPOCH)
                  .advance(Instant.EPOCH, Observation.ofJobs(Map.of("a", 10.0, "b", 6.0), 0, 0))
                  .get(0);
          assertThat(e.desired()).as(calc).isEqualTo(jobs);
        });
  }

  @Test
  void jobs_poll_every_polling_interval_with_no_hpa() {
    Autoscaler a = new Autoscaler(job("strategy: default", 0), Instant.EPOCH);
    var es = a.advance(Instant.ofEpochSecond(90), Observation.ofJobs(Map.of("0", 1.0), 0, 0));

    assertThat(es).extracting(Evaluation::t).containsExactly(0L, 30L, 60L, 90L);
    assertThat(a.nextDue()).isEqualTo(Instant.ofEpochSecond(120));
  }
}
