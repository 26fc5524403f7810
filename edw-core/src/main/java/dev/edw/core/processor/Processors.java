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

  public List<ProcessorFactory> all() {
    return List.copyOf(byName.values());
  }
}
