package dev.edw.up.replica;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts each replica as its own {@code edw consume} (or {@code edw job}) process, with the same
 * java and class path as this process, so that one can be killed like a pod. Each replica serves
 * {@code /readyz} and {@code /metrics} on a free loopback port, which it writes to {@code
 * <logs>/<pod>.ports.json} ({@code --port-file}); its output goes to {@code <logs>/<pod>.log}. As
 * it exits it writes its last {@code /metrics} page to {@code <logs>/<pod>.final.prom} ({@code
 * --final-metrics}), so the completions after the last scrape are counted.
 */
public final class ProcessReplicaLauncher implements ReplicaLauncher {
  private static final Duration SCRAPE_TIMEOUT = Duration.ofMillis(500);

  private final List<String> javaCommand;
  private final List<String> consumerArgs;
  private final Path logs;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(SCRAPE_TIMEOUT)
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /**
   * @param javaCommand how to start the edw command line: java, its options and the jar or main
   *     class (see {@link #currentJava})
   * @param consumerArgs arguments after {@code consume} or {@code job}: queue, table, processor...
   * @param logs directory of the replicas' output
   */
  public ProcessReplicaLauncher(List<String> javaCommand, List<String> consumerArgs, Path logs) {
    this.javaCommand = List.copyOf(javaCommand);
    this.consumerArgs = List.copyOf(consumerArgs);
    this.logs = Objects.requireNonNull(logs, "'logs' cannot be null.");
  }

  /**
   * The command that starts edw as this JVM runs it: the running java binary (from the process
   * handle, else {@code java.home}) with the shaded jar ({@code -jar}) when the class path is one
   * jar, else the class path and {@code mainClass}.
   */
  public static List<String> currentJava(String mainClass) {
    return currentJava(mainClass, List.of());
  }

  /**
   * Like {@link #currentJava(String)}, with {@code extraVmOptions} after the replica's own VM
   * options (so that they win, as {@code EDW_JAVA_OPTS} does for the launcher).
   */
  public static List<String> currentJava(String mainClass, List<String> extraVmOptions) {
    Optional<String> running = ProcessHandle.current().info().command();
    return command(
        running.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
        System.getProperty("java.class.path"),
        ManagementFactory.getRuntimeMXBean().getInputArguments(),
        extraVmOptions,
        mainClass);
  }

  /**
   * The launcher's AOT cache for replicas, named by a parent JVM that does not map it itself
   * because it runs C2 (the cache's profiles are from a C1-only run).
   */
  static final String REPLICA_AOT_CACHE = "-Dedw.replica.aotCache=";

  /**
   * How a replica JVM starts, the way a pod's does: a serial collector, a modest heap and C1 only
   * (a replica's start-up and warm-up are paid once per process, and C2 spent seconds of CPU on
   * each), and the class-data archive or AOT cache this JVM maps, if any ({@code runningVmOptions}
   * are this JVM's options), so that each replica maps the classes instead of loading and verifying
   * them; likewise the SQLite library file this JVM loads (the launcher's {@code
   * org.sqlite.lib.*}), so that each replica loads it instead of copying it out of the jar again,
   * and the launcher's choice of transparent huge pages for the heap (fewer page faults while a
   * fresh heap is first touched).
   */
  static List<String> command(
      String java,
      String classPath,
      List<String> runningVmOptions,
      List<String> extraVmOptions,
      String mainClass) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    // a pod is small: a serial collector and a modest heap leave the machine's cores to the work
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    for (String option : runningVmOptions) {
      if (option.startsWith(REPLICA_AOT_CACHE)) {
        // a parent that runs C2 (bench) does not map the C1-trained cache itself
        cmd.add("-XX:AOTCache=" + option.substring(REPLICA_AOT_CACHE.length()));
      } else if (option.startsWith("-XX:SharedArchiveFile=")
          || option.startsWith("-XX:AOTCache=")
          || option.startsWith("-Dorg.sqlite.lib.path=")
          || option.startsWith("-Dorg.sqlite.lib.name=")
          || option.startsWith("-Xlog:cds")
          || option.startsWith("-Xlog:aot")
          || option.endsWith("UseTransparentHugePages")) {
        cmd.add(option);
      }
    }
    cmd.addAll(extraVmOptions);
    if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
      cmd.add("-jar");
      cmd.add(classPath);
    } else {
      cmd.add("--enable-native-access=ALL-UNNAMED");
      cmd.add("-cp");
      cmd.add(classPath);
      cmd.add(mainClass);
    }
    return cmd;
  }

  @Override
  public Replica launch(String name, boolean job) {
    Path portFile = logs.resolve(name + ".ports.json");
    Path finalMetrics = logs.resolve(name + ".final.prom");
    List<String> cmd = new ArrayList<>(javaCommand);
    cmd.add(job ? "job" : "consume");
    cmd.addAll(consumerArgs);
    cmd.addAll(List.of("--metrics-host", "127.0.0.1", "--metrics-port", "0"));
    cmd.addAll(List.of("--port-file", portFile.toString()));
    cmd.addAll(List.of("--final-metrics", finalMetrics.toString()));
    try {
      Files.createDirectories(logs);
      Files.deleteIfExists(portFile);
      Files.deleteIfExists(finalMetrics);
      Path log = logs.resolve(name + ".log");
      Process process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ProcessReplica(name, process, portFile, finalMetrics, http);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start replica " + name + ": " + cmd, e);
    }
  }
}
