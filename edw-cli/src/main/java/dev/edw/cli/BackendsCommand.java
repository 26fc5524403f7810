package dev.edw.cli;

import dev.edw.api.processor.ProcessorFactory;
import dev.edw.core.backend.Backends;
import dev.edw.core.processor.Processors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edw backends}: the URI schemes and processors this build has. */
@Command(
    name = "backends",
    mixinStandardHelpOptions = true,
    description = "List the URI schemes and processors this build knows.")
final class BackendsCommand implements Callable<Integer> {
  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description = "Directory of processor plug-in jars to list too. Default: $EDW_PLUGINS.",
      defaultValue = "${env:EDW_PLUGINS}")
  String plugins;

  @Override
  public Integer call() {
    Processors processors = ConsumerFlags.processors(plugins);
    System.out.println("schemes:");
    Backends.system().describe().forEach(line -> System.out.println("  " + line));
    System.out.println("processors:");
    for (ProcessorFactory f : processors.all()) {
      java.nio.file.Path jar = processors.source(f.name());
      System.out.printf(
          "  %-22s %s%s%n",
          f.name(), f.description(), jar == null ? "" : " (plug-in " + jar.getFileName() + ")");
    }
    return Main.EXIT_OK;
  }
}
