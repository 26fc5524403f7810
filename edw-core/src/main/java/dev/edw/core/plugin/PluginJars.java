package dev.edw.core.plugin;

import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.processor.ProcessorFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The processor plug-ins of a directory ({@code --plugins DIR}, {@code EDW_PLUGINS}): every {@code
 * *.jar} in it gets a class loader of its own, whose parent is edw's, so a plug-in sees {@code
 * edw-api} (and whatever edw packs) but not the other plug-ins; its {@link ProcessorFactory}s are
 * found with {@link ServiceLoader}.
 */
public final class PluginJars {
  /** A processor factory and the jar it came from. */
  public record Plugin(ProcessorFactory factory, Path jar) {}

  private PluginJars() {}

  /** Loads the plug-ins of {@code dir}, in file-name order. */
  public static List<Plugin> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ResourceNotFoundException("plug-in directory " + dir + " does not exist");
    }
    List<Path> jars;
    try (Stream<Path> files = Files.list(dir)) {
      jars =
          files
              .filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new InvalidInputException("cannot list plug-in directory " + dir + ": " + e);
    }
    List<Plugin> plugins = new ArrayList<>();
    for (Path jar : jars) {
      URLClassLoader loader =
          new URLClassLoader(
              "edw-plugin-" + jar.getFileName(),
              new URL[] {url(jar)},
              PluginJars.class.getClassLoader());
      try {
        ServiceLoader.load(ProcessorFactory.class, loader).stream()
            .filter(p -> p.type().getClassLoader() == loader)
            .forEach(
                p -> plugins.add(new Plugin(new PluginProcessorFactory(p.get(), loader), jar)));
      } catch (java.util.ServiceConfigurationError e) {
        throw new InvalidInputException("plug-in " + jar + " cannot be loaded: " + e.getMessage());
      }
    }
    return plugins;
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new InvalidInputException("bad plug-in path " + jar + ": " + e.getMessage());
    }
  }
}
