package dev.edw.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessorOptionsTest {
  private static final Map<String, String> KNOWN = Map.of("timeout", "how long", "workers", "n");

  private static ProcessorOptions options(Map<String, String> values) {
    return new ProcessorOptions("exec", values, KNOWN);
  }

  @Test
  void a_duration_option_reads_the_same_forms_as_the_cli_flags() {
    assertThat(options(Map.of("timeout", "500ms")).duration("timeout", null))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(options(Map.of("timeout", "2m")).duration("timeout", null))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(options(Map.of("timeout", "1.5")).duration("timeout", null))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(options(Map.of("timeout", "PT30S")).duration("timeout", null))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void an_absent_option_takes_the_fallback() {
    assertThat(options(Map.of()).duration("timeout", Duration.ofSeconds(9)))
        .isEqualTo(Duration.ofSeconds(9));
    assertThat(options(Map.of()).positive("workers", 3)).isEqualTo(3);
  }

  @Test
  void a_duration_must_be_positive_and_readable_and_the_error_names_the_option() {
    for (String bad : new String[] {"0", "0s", "-PT1S", "soon"}) {
      assertThatThrownBy(() -> options(Map.of("timeout", bad)).duration("timeout", null))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "processor 'exec' option timeout must be a positive duration such as 500ms, 30s or"
                  + " 5m, not "
                  + bad);
    }
  }

  @Test
  void an_unknown_option_is_refused_naming_the_known_ones() {
    assertThatThrownBy(() -> options(Map.of("timeuot", "5s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("processor 'exec' has no option timeuot; known: timeout, workers");
  }
}
