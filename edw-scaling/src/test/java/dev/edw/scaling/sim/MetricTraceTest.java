package dev.edw.scaling.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.spec.KedaYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricTraceTest {
  @Test
  void the_metric_at_t_is_the_last_value_at_or_before_t() {
    MetricTrace tr =
        MetricTrace.parse(
            List.of(
                "{\"t\": 10, \"metric\": 5}",
                "",
                "{\"t\": 0, \"metric\": 1}",
                "{\"t\": 10, \"metric\": 7}"));

    assertThat(tr.at(0).metric()).isEqualTo(1);
    assertThat(tr.at(9.99).metric()).isEqualTo(1);
    assertThat(tr.at(10).metric()).isEqualTo(7);
    assertThat(tr.at(1e9).metric()).isEqualTo(7);
    assertThat(tr.lengthSeconds()).isEqualTo(10);
  }

  @Test
  void bad_lines_are_named() {
    assertThatThrownBy(() -> MetricTrace.parse(List.of("{\"t\":0,\"metric\":1}", "nope")))
        .hasMessageContaining("trace line 2 is not JSON");
    assertThatThrownBy(() -> MetricTrace.parse(List.of("{\"t\":0}")))
        .hasMessageContaining("needs numbers \"t\" and \"metric\"");
    assertThatThrownBy(() -> MetricTrace.parse(List.of())).hasMessageContaining("no points");
  }

  @Test
  void a_timeline_replays_to_the_same_decisions_and_a_tampered_one_does_not() {
    var spec =
        KedaYaml.parse(
            "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: r}\nspec:\n"
                + "  maxReplicaCount: 15\n  cooldownPeriod: 10\n"
                + "  triggers: [{type: azure-queue, metadata: {queueLength: '5'}}]\n");
    List<String> lines =
        TraceSimulator.run(
                spec,
                MetricTrace.parse(List.of("{\"t\":0,\"metric\":57}", "{\"t\":100,\"metric\":0}")),
                150)
            .stream()
            .map(Evaluation::toJson)
            .toList();

    assertThat(TimelineReplay.compare(spec, lines)).isEmpty();
    List<String> tampered = new java.util.ArrayList<>(lines);
    tampered.set(1, tampered.get(1).replace("\"desired\":4", "\"desired\":5"));
    assertThat(TimelineReplay.compare(spec, tampered)).hasSize(1);
  }
}
