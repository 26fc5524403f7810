package dev.edw.cli;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.cli.logging.LogSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edw} command. */
@Command(
    name = "edw",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Queue-driven, autoscaled workloads: produce, consume, run jobs, inspect, benchmark, deploy.")
public final class Main implements Callable<Integer> {
  /** Exit codes, documented in the README. */
  public static final int EXIT_OK = 0;

  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_NOT_FOUND = 3;
  public static final int EXIT_UNAVAILABLE = 4;

  /** edw's commands, in the order help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
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
          CompletionCommand.class,
          CommandLine.HelpCommand.class);

  /**
   * The commands a pod starts with: for these, only the command given is built, not the whole tree
   * (building every command's model is a good part of a cold start). Their own help and errors read
   * the same.
   */
  private static final Map<String, Class<?>> POD_COMMANDS =
      Map.of(
          "produce", ProduceCommand.class,
          "consume", ConsumeCommand.class,
          "job", JobCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    try {
      LogSettings.from(System.getenv());
    } catch (InvalidInputException e) {
      System.err.println("edw: " + e.getMessage());
      return EXIT_USAGE;
    }
    Class<?> pod = args.length > 0 ? POD_COMMANDS.get(args[0]) : null;
    CommandLine cli = pod == null ? commandLine() : commandLine(List.of(pod));
    return cli.execute(args);
  }

  /** The command tree, with edw's converters and error handling. */
  static CommandLine commandLine() {
    return commandLine(SUBCOMMANDS);
  }

  /** The command tree with only the given commands (converters and handler reach them all). */
  private static CommandLine commandLine(List<Class<?>> subcommands) {
    CommandLine cli = new CommandLine(new Main());
    subcommands.forEach(cli::addSubcommand);
    cli.registerConverter(java.time.Duration.class, new DurationConverter());
    cli.setExecutionExceptionHandler(Main::handle);
    return cli;
  }

  /**
   * What a command group does when no subcommand is given: a usage error (exit 2) that lists them.
   */
  static int missingSubcommand(CommandLine.Model.CommandSpec spec) {
    CommandLine cli = spec.commandLine();
    cli.getErr().println(spec.qualifiedName() + ": give a subcommand");
    cli.usage(cli.getErr());
    return EXIT_USAGE;
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + message(e));
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
  public Integer call() {
    return missingSubcommand(spec);
  }

  /** The version and git commit, from {@code edw-build.properties} written at build time. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      BuildInfo build = BuildInfo.load();
      return new String[] {"edw " + build.version() + " (commit " + build.commit() + ")"};
    }
  }
}
