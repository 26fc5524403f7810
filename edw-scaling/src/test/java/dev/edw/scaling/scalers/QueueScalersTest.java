package dev.edw.scaling.scalers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.queue.QueueDepth;
import dev.edw.scaling.spec.TriggerSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueScalersTest {
  private static TriggerSpec t(String type, Map<String, String> meta) {
    return new TriggerSpec(type, "0", meta, TriggerSpec.AVERAGE_VALUE, false);
  }

  @Test
  void azure_all_counts_in_flight_and_visibleonly_peeks_up_to_32() {
    QueueDepth small = new QueueDepth(10, 5, 0, false);
    QueueDepth big = new QueueDepth(40, 5, 0, false);
    TriggerSpec visible = t("azure-queue", Map.of("queueLengthStrategy", "VisibleOnly"));

    assertThat(QueueScalers.metric(t("azure-queue", Map.of()), small)).isEqualTo(15);
    assertThat(QueueScalers.metric(visible, small)).isEqualTo(10);
    assertThat(QueueScalers.metric(visible, new QueueDepth(31, 5, 0, false))).isEqualTo(31);
    assertThat(QueueScalers.metric(visible, new QueueDepth(32, 5, 0, false))).isEqualTo(37);
    assertThat(QueueScalers.metric(visible, big)).isEqualTo(45);
  }

  @Test
  void sqs_counts_in_flight_by_default_and_delayed_only_when_asked() {
    QueueDepth d = new QueueDepth(10, 5, 3, false);

    assertThat(QueueScalers.metric(t("aws-sqs-queue", Map.of()), d)).isEqualTo(15);
    assertThat(QueueScalers.metric(t("aws-sqs-queue", Map.of("scaleOnInFlight", "false")), d))
        .isEqualTo(10);
    assertThat(QueueScalers.metric(t("aws-sqs-queue", Map.of("scaleOnDelayed", "true")), d))
        .isEqualTo(18);
  }

  @Test
  void redis_counts_the_list_and_unknown_in_flight_counts_as_zero() {
    assertThat(QueueScalers.metric(t("redis", Map.of()), new QueueDepth(10, 4, 0, true)))
        .isEqualTo(10);
    assertThat(QueueScalers.metric(t("aws-sqs-queue", Map.of()), new QueueDepth(7, -1, -1, false)))
        .isEqualTo(7);
  }

  @Test
  void targets_take_each_scalers_defaults_and_reject_junk() {
    assertThat(TriggerTargets.of(t("azure-queue", Map.of()))).isEqualTo(new TriggerTargets(5, 0));
    assertThat(
            TriggerTargets.of(t("redis", Map.of("listLength", "8", "activationListLength", "2"))))
        .isEqualTo(new TriggerTargets(8, 2));
    assertThatThrownBy(() -> TriggerTargets.of(t("azure-queue", Map.of("queueLength", "five"))))
        .hasMessageContaining("queueLength must be a number");
    assertThatThrownBy(() -> QueueScalers.metric(t("cpu", Map.of()), new QueueDepth(1, 0, 0, true)))
        .hasMessageContaining("no queue semantics");
  }
}
