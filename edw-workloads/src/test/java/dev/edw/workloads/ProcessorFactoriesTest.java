package dev.edw.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.processor.ProcessorFactory;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessorFactoriesTest {
  private static Map<String, ProcessorFactory> byName() {
    return ServiceLoader.load(ProcessorFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(ProcessorFactory::name, f -> f));
  }

  @Test
  void both_processors_are_found_by_service_loader_under_their_names() {
    assertThat(byName()).containsKeys("aggregate-temperature", "resize-image");
  }

  @Test
  void each_processor_declares_the_options_it_reads() {
    assertThat(byName().get("resize-image").options())
        .containsOnlyKeys("width", "height", "keepAspect", "prefix", "jpegQuality", "maxPixels");
    assertThat(byName().get("aggregate-temperature").options()).containsOnlyKeys("maxHours");
  }
}
