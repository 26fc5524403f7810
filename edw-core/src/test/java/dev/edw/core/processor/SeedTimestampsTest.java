package dev.edw.core.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeedTimestampsTest {

  @Test
  void format_and_parse_round_trip_to_the_microsecond_across_many_instants() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              1_600_000_000L + random.nextInt(400_000_000), random.nextInt(1_000_000) * 1_000L);

      String text = SeedTimestamps.format(instant);

      assertThat(text).isEqualTo(SeedTimestamps.FORMAT.format(instant));
      assertThat(SeedTimestamps.parse(text)).isEqualTo(instant);
    }
  }

  @Test
  void other_writings_of_a_stamp_are_read_by_the_general_parser() {
    assertThat(SeedTimestamps.parse("2026-11-23T04:00:00Z"))
        .isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
    assertThat(SeedTimestamps.parse("2026-11-23 04:00:00.5"))
        .isEqualTo(Instant.parse("2026-11-23T04:00:00.500Z"));
    assertThat(SeedTimestamps.parse("2024-02-29 23:59:59.999999"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-30 00:00:00.000000",
        "2026-13-01 00:00:00.000000",
        "2026-11-23 24:00:00.000000",
        "2026-11-23 04:00:00.00000x",
        "yesterday at noon, roughly"
      })
  void impossible_stamps_are_rejected(String text) {
    assertThatThrownBy(() -> SeedTimestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
