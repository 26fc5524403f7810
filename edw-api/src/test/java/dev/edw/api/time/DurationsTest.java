package dev.edw.api.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void each_unit_reads_as_written() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void a_plain_number_is_seconds_and_may_have_a_fraction() {
    assertThat(Durations.parse("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(Durations.parse("1.5")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("0.25m")).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void case_and_surrounding_spaces_do_not_matter() {
    assertThat(Durations.parse(" 10S ")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void iso_8601_is_accepted() {
    assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("P1D")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void zero_reads_as_zero_so_callers_decide_whether_it_is_allowed() {
    assertThat(Durations.parse("0")).isZero();
    assertThat(Durations.parse("0ms")).isZero();
  }

  @Test
  void anything_else_is_refused_naming_the_value_and_the_forms() {
    for (String bad : new String[] {"soon", "5 min", "-5s", "5d", "", "1e3"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("'" + bad + "' is not a duration: write 500ms, 30s, 5m, 2h or PT30S");
    }
  }
}
