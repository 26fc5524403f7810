package dev.edw.up.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** histogram_quantile's interpolation and increase()'s counter resets, computed by hand. */
class LatencyHistogramTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  private static LatencyHistogram h(double... cumulative) {
    return new LatencyHistogram(new double[] {0.1, 0.5, 1, INF}, cumulative);
  }

  @Test
  void quantiles_interpolate_within_the_bucket_that_reaches_the_rank() {
    LatencyHistogram h = h(10, 60, 90, 100);

    // rank 50 falls in (0.1, 0.5], which holds 50: 0.1 + 0.4 x (50 - 10) / 50
    assertThat(h.quantile(0.5)).isCloseTo(0.42, within(1e-12));
    // rank 5 in the lowest bucket, interpolated from 0: 0.1 x 5 / 10
    assertThat(h.quantile(0.05)).isCloseTo(0.05, within(1e-12));
    // rank 90 reaches le=1 exactly: its upper bound
    assertThat(h.quantile(0.9)).isCloseTo(1.0, within(1e-12));
    // rank 99 is only reached by +Inf: the highest finite bound
    assertThat(h.quantile(0.99)).isEqualTo(1.0);
  }

  @Test
  void no_observations_or_no_inf_bucket_give_nan() {
    assertThat(h(0, 0, 0, 0).quantile(0.5)).isNaN();
    assertThat(LatencyHistogram.EMPTY.quantile(0.5)).isNaN();
    assertThat(new LatencyHistogram(new double[] {0.1, 1}, new double[] {1, 2}).quantile(0.5))
        .isNaN();
  }

  @Test
  void the_increase_since_an_earlier_scrape_counts_a_bucket_that_went_down_as_reset() {
    LatencyHistogram later = h(10, 60, 90, 100);

    assertThat(later.since(h(5, 20, 30, 30)).quantile(0.5))
        .isEqualTo(h(5, 40, 60, 70).quantile(0.5));
    // every bucket lower than before: the replica started again, all of it is new
    assertThat(later.since(h(20, 70, 95, 110)).count()).isEqualTo(100);
    assertThat(later.since(LatencyHistogram.EMPTY).count()).isEqualTo(100);
  }

  @Test
  void histograms_with_different_bounds_add_up_on_the_union_of_bounds() {
    LatencyHistogram a = new LatencyHistogram(new double[] {0.1, INF}, new double[] {4, 4});
    LatencyHistogram b = new LatencyHistogram(new double[] {1, INF}, new double[] {2, 6});

    LatencyHistogram sum = a.plus(b);
    // union 0.1, 1, +Inf: 4+0, 4+2, 4+6
    assertThat(sum.count()).isEqualTo(10);
    // rank 5 in (0.1, 1], which holds 2: 0.1 + 0.9 x (5 - 4) / 2
    assertThat(sum.quantile(0.5)).isCloseTo(0.55, within(1e-12));
  }
}
