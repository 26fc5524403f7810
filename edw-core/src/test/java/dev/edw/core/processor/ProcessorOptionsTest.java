package dev.edw.core.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.processor.ProcessorFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessorOptionsTest {
  private final ProcessorFactory record = new Processors().get(RecordProcessorFactory.NAME);

  @Test
  void a_declared_option_passes() {
    Processors.checkOptions(record, Map.of("workMs", "5"));
    assertThat(record.options()).containsKey("workMs");
  }

  @Test
  void a_misspelled_option_is_refused_naming_the_known_ones() {
    assertThatThrownBy(() -> Processors.checkOptions(record, Map.of("wrokMs", "5")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'wrokMs'")
        .hasMessageContaining("known: workMs");
  }
}
