package dev.edw.cli;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.core.backend.Backends;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.KedaYaml;
import dev.edw.up.Up;
import dev.edw.up.UpOptions;
import dev.edw.up.cluster.ClusterOptions;
import dev.edw.up.replica.ProcessReplicaLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edw up}: producer, autoscaler and consumer replicas on this machine, with a live view. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run a producer, KEDA's and the HPA's decisions (the engine of edw simulate) and consumer"
          + " replicas on this machine, scaled on the real queue depth.",
      "Replicas are edw consume processes (edw job for a ScaledJob); scale-in sends SIGTERM to"
          + " the newest. A terminal status line and a web dashboard show depth, replicas, nodes,"
          + " throughput, latency and every decision with its reason.",
      "Ctrl-C stops the producer and drains every replica."
    })
final class UpCommand implements Callable<Integer> {
  @Mixin QueueOption queue;
  @Mixin TableOption table;

  @Option(
      names = "--scaled-object",
      paramLabel = "FILE",
      description =
          "KEDA ScaledObject or ScaledJob YAML. Default: the seed's ScaledObject with activation 0.")
  Path scaledObject;

  @Mixin LoadProfileFlags load;
  @Mixin NodeModelFlags nodes;

  @Option(
      names = "--duration",
      description = "How long the producer sends. Default: 5m.",
      defaultValue = "5m")
  Duration duration;

  @Option(
      names = "--work-time",
      description = "Time each message takes in a replica. Default: 100ms.",
      defaultValue = "100ms")
  Duration workTime;

  @Option(
      names = {"-p", "--processor"},
      description = "Processor run after the work time. Default: ${DEFAULT-VALUE}.",
      defaultValue = UpOptions.DEFAULT_PROCESSOR)
  String processor;

  @Option(
      names = {"-c", "--concurrency"},
      description = "Messages one replica works on at once. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + UpOptions.DEFAULT_CONCURRENCY)
  int concurrency;

  @Option(
      names = "--prefetch",
      description = "Messages one replica leases ahead. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + UpOptions.DEFAULT_PREFETCH)
  int prefetch;

  @Option(
      names = "--replicas-as",
      paramLabel = "processes|threads",
      description = "Replicas as OS processes (killable like pods) or threads. Default: processes.",
      defaultValue = "processes")
  String replicasAs;

  @Option(
      names = "--node-idle",
      description = "How long a node stays empty before it is removed. Default: 30s.",
      defaultValue = "30s")
  Duration nodeIdle;

  @Option(
      names = "--timeline",
      paramLabel = "FILE",
      description = "Write one JSON line per evaluation, as edw simulate --timeline does.")
  Path timeline;

  @Option(
      names = "--dashboard-port",
      description =
          "Port of the web dashboard on 127.0.0.1; 0 picks one, -1 none. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + UpOptions.DEFAULT_DASHBOARD_PORT)
  int dashboardPort;

  @Option(
      names = "--until-idle",
      description = "Exit 0 once the producer is done, the queue is empty and no replica is left.")
  boolean untilIdle;

  @Option(
      names = "--tick",
      description = "How often the queue is observed and due rules run. Default: 500ms.",
      defaultValue = "500ms")
  Duration tick;

  @Option(
      names = "--logs",
      paramLabel = "DIR",
      description = "Directory of the replica processes' output. Default: edw-data/up-logs.")
  Path logs;

  @Option(
      names = "--drain-timeout",
      description = "How long a terminated replica may finish running messages. Default: 25s.",
      defaultValue = "25s")
  Duration drainTimeout;

  @Option(
      names = "--replica-arg",
      paramLabel = "ARG",
      description = "Extra argument for each edw consume / edw job replica; repeatable.")
  List<String> replicaArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Backends backends = Backends.system();
    UpOptions options =
        new UpOptions(
            queue.resolve(backends),
            table.resolve(backends),
            spec(),
            load.profile(UpOptions.DEFAULT_RATE),
            duration,
            workTime,
            processor,
            concurrency,
            prefetch,
            replicaMode(),
            new ClusterOptions(
                nodes.podStartup,
                nodes.podsPerNode,
                nodes.nodeStartup(ClusterOptions.DEFAULT_NODE_STARTUP),
                nodeIdle),
            timeline,
            dashboardPort,
            untilIdle,
            tick,
            logs == null ? UpOptions.DEFAULT_LOGS : logs,
            drainTimeout,
            replicaArgs);
    Up up =
        new Up(
            options,
            backends,
            ProcessReplicaLauncher.currentJava(Main.class.getName()),
            Clock.systemUTC(),
            System.console() != null ? System.err : null,
            System.err::println);
    Signals.onTermination(up::stop);
    Up.Report report = up.run();
    System.err.printf(
        "edw up: sent %d, completed %d, peak %d replica(s), %d evaluation(s), %d left visible%n",
        report.sent(),
        report.completed(),
        report.peakReplicas(),
        report.evaluations(),
        report.visibleLeft());
    return Main.EXIT_OK;
  }

  private KedaObject spec() throws IOException {
    if (scaledObject == null) {
      try (InputStream in =
          UpOptions.class.getClassLoader().getResourceAsStream(UpOptions.DEFAULT_SCALED_OBJECT)) {
        return KedaYaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    try {
      return KedaYaml.parse(Files.readString(scaledObject));
    } catch (NoSuchFileException e) {
      throw new ResourceNotFoundException("no such file: " + scaledObject);
    }
  }

  private UpOptions.ReplicaMode replicaMode() {
    return switch (replicasAs.toLowerCase(Locale.ROOT)) {
      case "processes", "process" -> UpOptions.ReplicaMode.PROCESSES;
      case "threads", "thread" -> UpOptions.ReplicaMode.THREADS;
      default ->
          throw new IllegalArgumentException(
              "--replicas-as must be processes or threads, not " + replicasAs);
    };
  }
}
