package dev.edw.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.processor.ProcessorFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProcessorFactoriesTest {
  @Test
  void both_processors_are_found_by_service_loader_under_their_names() {
    assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(p -> p.get().name()))
        .contains("aggregate-temperature", "resize-image");
  }
}
