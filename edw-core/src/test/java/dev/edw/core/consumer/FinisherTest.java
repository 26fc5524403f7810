package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FinisherTest {

  @Test
  void the_end_to_end_latency_is_what_duration_between_gives_across_second_boundaries() {
    Instant source = Instant.parse("2026-12-02T08:00:00.999999999Z");
    Instant[] nows = {
      source,
      source.plusNanos(1),
      Instant.parse("2026-12-02T08:00:01.000000001Z"),
      Instant.parse("2026-12-02T09:30:00.5Z"),
      Instant.parse("2026-12-02T07:59:59.5Z") // a clock behind the source: negative
    };

    for (Instant now : nows) {
      assertThat(Finisher.since(source, now)).isEqualTo(Duration.between(source, now));
    }
  }
}
