package dev.edw.cli;

import dev.edw.api.processor.ProcessorFactory;
import dev.edw.core.backend.Backends;
import dev.edw.core.processor.Processors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code edw backends}: the URI schemes and processors this build has. */
@Command(
    name = "backends",
    mixinStandardHelpOptions = true,
    description = "List the URI schemes and processors this build knows.")
final class BackendsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("schemes:");
    Backends.system().describe().forEach(line -> System.out.println("  " + line));
    System.out.println("processors:");
    for (ProcessorFactory f : new Processors().all()) {
      System.out.printf("  %-22s %s%n", f.name(), f.description());
    }
    return Main.EXIT_OK;
  }
}
