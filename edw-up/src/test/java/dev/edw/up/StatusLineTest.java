package dev.edw.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusLineTest {
  private static final Snapshot SNAPSHOT =
      new Snapshot(12.4, 40, 8, 4, 4, 3, 1, 2, 1, 600, 552, 35.25, 0.414, Double.NaN);

  @Test
  void shows_depth_replicas_nodes_throughput_and_latency_on_one_rewritten_line() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StatusLine line = new StatusLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

    line.snapshot(SNAPSHOT);
    line.snapshot(SNAPSHOT);

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\r\033[K").doesNotContain("\n");
    assertThat(out.split("\r\033\\[K", -1)).hasSize(3);
    assertThat(out)
        .contains("depth 40 (+8 in flight)")
        .contains("replicas 3/4 ready, desired 4 (1 pending)")
        .contains("nodes 1/2")
        .contains("35.3 msg/s")
        .contains("p50 0.41s p99 -")
        .contains("sent 600 done 552");
  }

  @Test
  void leaves_nodes_out_without_the_node_model() {
    assertThat(StatusLine.format(SNAPSHOT, false)).doesNotContain("nodes");
  }
}
