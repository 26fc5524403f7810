package dev.edw.up.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The samples edw up reads from a replica's /metrics page. */
class PrometheusTextTest {
  @Test
  void processed_and_end_to_end_buckets_are_summed_over_their_label_sets() {
    String page =
        """
        # HELP edw_messages_processed_total messages written and acknowledged
        # TYPE edw_messages_processed_total counter
        edw_messages_processed_total{queue="a"} 7.0
        edw_messages_processed_total{queue="b"} 3.0
        # TYPE edw_end_to_end_seconds histogram
        edw_end_to_end_seconds_bucket{queue="a",le="0.1"} 4
        edw_end_to_end_seconds_bucket{queue="a",le="1.0"} 7
        edw_end_to_end_seconds_bucket{queue="a",le="+Inf"} 7
        edw_end_to_end_seconds_bucket{queue="b",le="0.1"} 0
        edw_end_to_end_seconds_bucket{queue="b",le="1.0"} 1
        edw_end_to_end_seconds_bucket{queue="b",le="+Inf"} 3
        edw_end_to_end_seconds_count{queue="a"} 7
        edw_end_to_end_seconds_sum{queue="a"} 2.5
        edw_processing_seconds_bucket{queue="a",le="+Inf"} 99
        """;

    ReplicaStats s = PrometheusText.parse(page);

    assertThat(s.completed()).isEqualTo(10);
    assertThat(s.endToEnd().count()).isEqualTo(10);
    // buckets 0.1: 4, 1.0: 8, +Inf: 10; rank 5 in (0.1, 1]: 0.1 + 0.9 x 1 / 4
    assertThat(s.endToEnd().quantile(0.5)).isCloseTo(0.325, within(1e-12));
  }

  @Test
  void a_page_without_the_histogram_has_no_latency() {
    ReplicaStats s = PrometheusText.parse("edw_messages_processed_total{queue=\"a\"} 2\n");

    assertThat(s.completed()).isEqualTo(2);
    assertThat(s.endToEnd().quantile(0.5)).isNaN();
  }
}
