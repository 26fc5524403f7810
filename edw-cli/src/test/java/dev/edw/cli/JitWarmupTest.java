package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The bench warms up until the compilers were busy for under 5 % of a pass, or at most N passes.
 */
class JitWarmupTest {
  private final AtomicLong compileMillis = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();

  private JitWarmup warmup(int maxPasses) {
    return new JitWarmup(compileMillis::get, nanos::get, maxPasses);
  }

  /** One pass of a second of wall time, during which the compilers worked {@code millis}. */
  private boolean pass(JitWarmup jit, long millis) {
    jit.passStarts();
    compileMillis.addAndGet(millis);
    nanos.addAndGet(1_000_000_000L);
    return jit.passEndsAndAnotherIsDue();
  }

  @Test
  void another_pass_is_due_while_the_compilers_work_for_five_percent_or_more_of_a_pass() {
    JitWarmup jit = warmup(8);

    assertThat(pass(jit, 900)).isTrue();
    assertThat(pass(jit, 50)).isTrue();
    assertThat(pass(jit, 49)).isFalse();

    assertThat(jit.passes()).isEqualTo(3);
    assertThat(jit.settled()).isTrue();
    assertThat(jit.lastShare()).isEqualTo(0.049);
  }

  @Test
  void compilers_on_several_threads_can_report_more_than_the_wall_time() {
    JitWarmup jit = warmup(8);

    assertThat(pass(jit, 1_400)).isTrue();

    assertThat(jit.lastShare()).isEqualTo(1.4);
    assertThat(jit.settled()).isFalse();
  }

  @Test
  void the_warm_up_stops_at_its_bound_and_says_the_jit_has_not_settled() {
    JitWarmup jit = warmup(2);

    assertThat(pass(jit, 500)).isTrue();
    assertThat(pass(jit, 500)).isFalse();

    assertThat(jit.passes()).isEqualTo(2);
    assertThat(jit.settled()).isFalse();
  }

  @Test
  void one_pass_at_most_is_the_warm_up_of_earlier_builds() {
    JitWarmup jit = warmup(1);

    assertThat(pass(jit, 900)).isFalse();
    assertThat(jit.passes()).isEqualTo(1);
  }

  @Test
  void fewer_than_one_pass_is_refused() {
    assertThatThrownBy(() -> warmup(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one warm-up pass");
  }

  @Test
  void this_jvm_reports_the_time_its_compilers_have_worked_so_far() {
    assertThat(JitWarmup.compileMillisOfThisJvm().getAsLong()).isPositive();
  }
}
