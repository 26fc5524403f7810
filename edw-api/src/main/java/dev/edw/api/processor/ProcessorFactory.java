package dev.edw.api.processor;

/**
 * Makes a named processor. Found with {@link java.util.ServiceLoader}; select one with {@code
 * --processor NAME}.
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
   * The options this processor reads from {@code --processor-option KEY=VALUE}: option name to a
   * one-line description. The command line refuses any other key, naming these.
   */
  default java.util.Map<String, String> options() {
    return java.util.Map.of();
  }

  Processor create(ProcessorContext context);
}
