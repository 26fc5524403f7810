package dev.edw.scaling.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoadProfileTest {
  @Test
  void a_burst_summed_over_uneven_steps_gives_exactly_its_messages() {
    // as the paced producer integrates it: steps of whatever length its clock gives
    LoadProfile burst = new LoadProfile(LoadProfile.Kind.BURST, 40, 0, 0, 1, 0);
    double total = 0;
    double last = 0;
    for (double t = 0.0137; t < 2; t += 0.0531) {
      total += burst.messagesBetween(last, t);
      last = t;
    }
    total += burst.messagesBetween(last, 2);

    assertThat(total).isCloseTo(40, within(1e-9));
  }

  @Test
  void each_shape_gives_its_rate_over_time() {
    LoadProfile step = LoadProfile.parse("--profile step --rate 100 --base 10 --at 60");
    LoadProfile ramp = LoadProfile.parse("--profile ramp --rate 100 --length 100");
    LoadProfile burst =
        LoadProfile.parse("--profile burst --rate 200 --at 10 --length 30 --period 100");
    LoadProfile sine = LoadProfile.parse("--profile=sine --rate=100 --period=40");

    assertThat(LoadProfile.parse("--rate 7").rateAt(1e6)).isEqualTo(7);
    assertThat(step.rateAt(59.9)).isEqualTo(10);
    assertThat(step.rateAt(60)).isEqualTo(100);
    assertThat(ramp.rateAt(25)).isEqualTo(25);
    assertThat(ramp.rateAt(500)).isEqualTo(100);
    assertThat(burst.rateAt(5)).isZero();
    assertThat(burst.rateAt(10)).isEqualTo(200);
    assertThat(burst.rateAt(40)).isZero();
    assertThat(burst.rateAt(115)).isEqualTo(200);
    assertThat(sine.rateAt(0)).isCloseTo(50, within(1e-9));
    assertThat(sine.rateAt(10)).isCloseTo(100, within(1e-9));
    assertThat(sine.rateAt(30)).isCloseTo(0, within(1e-9));
  }

  @Test
  void messages_between_integrates_the_rate() {
    LoadProfile burst = LoadProfile.parse("--profile burst --rate 200");
    assertThat(burst.messagesBetween(0, 60)).isCloseTo(200 * 30, within(1e-6));
    assertThat(LoadProfile.parse("--profile ramp --rate 100 --length 100").messagesBetween(0, 100))
        .isCloseTo(5000, within(1e-6));
  }

  @Test
  void round_trips_through_flags_and_refuses_junk() {
    LoadProfile p = LoadProfile.parse("--profile burst --rate 200 --length 45");
    assertThat(LoadProfile.parse(p.toFlags())).isEqualTo(p);
    assertThatThrownBy(() -> LoadProfile.parse("--profile square --rate 1"))
        .hasMessageContaining("unknown load profile 'square'");
    assertThatThrownBy(() -> LoadProfile.parse("--profile burst"))
        .hasMessageContaining("needs --rate");
    assertThatThrownBy(() -> LoadProfile.parse("--rate 1 --colour red"))
        .hasMessageContaining("unknown load profile flags: [colour]");
    assertThatThrownBy(() -> LoadProfile.parse("--rate -1")).hasMessageContaining(">= 0");
  }
}
