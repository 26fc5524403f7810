package dev.edw.api.processor;

import java.util.Map;

/**
 * Makes a named processor. Found with {@link java.util.ServiceLoader}, on the class path or in a
 * plug-in jar ({@code --plugins DIR}); select one with {@code --processor NAME}. Implementations
 * need a public no-argument constructor and must be listed in {@code
 * META-INF/services/dev.edw.api.processor.ProcessorFactory}.
 */
public interface ProcessorFactory {

  /** The name on the command line, e.g. {@code record}. */
  String name();

  /** One line for {@code --help}. */
  String description();

  /** Whether the processor writes entities, so the consumer needs a result table. */
  default boolean needsTable() {
    return true;
  }

  /**
   * The {@code --processor-option} keys this processor understands: name to a one-line description.
   * The command line rejects any other key.
   */
  default Map<String, String> options() {
    return Map.of();
  }

  /**
   * Makes the processor, once per consumer. A configuration that cannot work (a bad option, a
   * command that cannot be started) throws {@link IllegalArgumentException}: the command exits 2
   * before any message is received.
   */
  Processor create(ProcessorContext context);
}
