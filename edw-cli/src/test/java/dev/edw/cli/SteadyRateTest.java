package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The steady window opens once all replicas consume and 10 % is done, and closes at 90 %. */
class SteadyRateTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void
      the_window_opens_when_all_replicas_consume_after_a_tenth_is_done_and_closes_at_nine_tenths() {
    SteadyRate rate = new SteadyRate(1_000);
    rate.add(0, 0, false);
    rate.add(1 * SECOND, 150, false); // a tenth done, but not everyone is up yet
    rate.add(2 * SECOND, 300, true);
    rate.add(3 * SECOND, 600, true);
    rate.add(4 * SECOND, 900, true);
    rate.add(5 * SECOND, 1_000, true);

    SteadyRate.Window w = rate.window();

    assertThat(w.rows()).isEqualTo(600);
    assertThat(w.seconds()).isEqualTo(2.0);
    assertThat(w.perSecond()).isEqualTo(300.0);
  }

  @Test
  void replicas_that_finish_between_two_samples_close_the_window_at_the_last_sample() {
    SteadyRate rate = new SteadyRate(1_000);
    rate.add(1 * SECOND, 200, true);
    rate.add(2 * SECOND, 500, true);
    rate.add(3 * SECOND, 850, true); // the replicas exit before the next sample

    SteadyRate.Window w = rate.window();

    assertThat(List.of(w.fromRows(), w.toRows())).containsExactly(200L, 850L);
    assertThat(w.perSecond()).isEqualTo(325.0);
  }

  @Test
  void replicas_that_all_consume_only_after_nine_tenths_are_done_give_no_window() {
    SteadyRate rate = new SteadyRate(1_000);
    rate.add(1 * SECOND, 500, false);
    rate.add(2 * SECOND, 950, false);
    rate.add(3 * SECOND, 1_000, true);

    assertThat(rate.window().rows()).isZero();
    assertThat(rate.window().perSecond()).isNaN();
  }
}
