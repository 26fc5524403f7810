package dev.edw.core.processor;

import dev.edw.api.InvalidInputException;
import dev.edw.api.processor.ProcessorFactory;
import dev.edw.core.plugin.PluginJars;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The processors on the class path and, optionally, in a plug-in directory, by name. */
public final class Processors {
  private final Map<String, ProcessorFactory> byName = new TreeMap<>();
  private final Map<String, Path> sources = new TreeMap<>();

  /** The built-in processors only. */
  public Processors() {
    this(null);
  }

  /**
   * The built-in processors and those of the jars in {@code plugins} (null for none). A plug-in may
   * not take a built-in's name, nor one another plug-in has.
   */
  public Processors(Path plugins) {
    ServiceLoader.load(ProcessorFactory.class).forEach(f -> byName.putIfAbsent(f.name(), f));
    if (plugins != null) {
      for (PluginJars.Plugin p : PluginJars.load(plugins)) {
        String name = p.factory().name();
        if (byName.containsKey(name)) {
          throw new InvalidInputException(
              "plug-in "
                  + p.jar()
                  + " declares processor '"
                  + name
                  + "', which "
                  + (sources.containsKey(name) ? sources.get(name) : "edw")
                  + " already has");
        }
        byName.put(name, p.factory());
        sources.put(name, p.jar());
      }
    }
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

  /** The jar a processor came from; null for a built-in one. */
  public Path source(String name) {
    return sources.get(name);
  }
}
