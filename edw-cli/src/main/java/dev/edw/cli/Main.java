package dev.edw.cli;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edw} command. */
@Command(
    name = "edw",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Queue-driven, autoscaled workloads: produce, consume, run jobs, inspect, benchmark, deploy.",
    subcommands = {
      ProduceCommand.class,
      ConsumeCommand.class,
      JobCommand.class,
      DemoDataCommand.class,
      QueueCommand.class,
      TableCommand.class,
      CopyCommand.class,
      BenchCommand.class,
      DeployCommand.class,
      UpCommand.class,
      BackendsCommand.class,
      SimulateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit codes, documented in the README. */
  public static final int EXIT_OK = 0;

  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_NOT_FOUND = 3;
  public static final int EXIT_UNAVAILABLE = 4;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.registerConverter(java.time.Duration.class, new DurationConverter());
    cli.setExecutionExceptionHandler(Main::handle);
    return cli.execute(args);
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    cli.getErr().println("edw " + cli.getCommandName() + ": " + message(e));
    if (System.getenv("EDW_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return exitCode(e);
  }

  static String message(Throwable e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  static int exitCode(Throwable e) {
    if (e instanceof ResourceNotFoundException) {
      return EXIT_NOT_FOUND;
    }
    if (e instanceof InvalidInputException || e instanceof IllegalArgumentException) {
      return EXIT_USAGE;
    }
    if (e instanceof BackendUnavailableException
        || (e instanceof EdwException edw && edw.retryable())) {
      return EXIT_UNAVAILABLE;
    }
    return EXIT_FAILURE;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"edw " + (v == null ? "dev" : v)};
    }
  }
}
