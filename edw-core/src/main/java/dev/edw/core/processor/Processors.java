package dev.edw.core.processor;

import dev.edw.api.InvalidInputException;
import dev.edw.api.processor.ProcessorFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The processors on the class path, by name. */
public final class Processors {
  private final Map<String, ProcessorFactory> byName = new TreeMap<>();

  public Processors() {
    ServiceLoader.load(ProcessorFactory.class).forEach(f -> byName.putIfAbsent(f.name(), f));
  }

  public ProcessorFactory get(String name) {
    ProcessorFactory factory = byName.get(name);
    if (factory == null) {
      throw new InvalidInputException(
          "no processor named '" + name + "'; known: " + String.join(", ", byName.keySet()));
    }
    return factory;
  }

  /**
   * Checks that every key of {@code options} is one {@code factory} declares in {@link
   * ProcessorFactory#options()}, so that a misspelled option fails instead of being ignored.
   */
  public static void checkOptions(ProcessorFactory factory, Map<String, String> options) {
    Map<String, String> known = factory.options();
    List<String> unknown = options.keySet().stream().filter(k -> !known.containsKey(k)).toList();
    if (unknown.isEmpty()) {
      return;
    }
    throw new InvalidInputException(
        "processor '"
            + factory.name()
            + "' has no option "
            + String.join(", ", unknown.stream().map(k -> "'" + k + "'").toList())
            + (known.isEmpty()
                ? "; it takes no options"
                : "; known: " + String.join(", ", new java.util.TreeSet<>(known.keySet()))));
  }

  public List<ProcessorFactory> all() {
    return List.copyOf(byName.values());
  }
}
