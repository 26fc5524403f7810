package dev.edw.cli;

import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.core.producer.Producer;
import dev.edw.core.producer.ProducerOptions;
import dev.edw.up.replica.ProcessReplicaLauncher;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code edw bench --replicas N,...}: fills one queue, then starts N {@code edw consume
 * --until-empty} processes on it at once and times them from the first start to the last exit (JVM
 * start included), for each N in turn; checks that every message left one row.
 */
final class ReplicaCurve {
  /** How long one drain may take before the bench gives up on it. */
  static final long DRAIN_LIMIT_SECONDS = 600;

  private final Backends backends;
  private final String queue;
  private final String table;
  private final List<String> consumeFlags;
  private final Path logs;

  ReplicaCurve(
      Backends backends, String queue, String table, List<String> consumeFlags, Path logs) {
    this.backends = backends;
    this.queue = queue;
    this.table = table;
    this.consumeFlags = consumeFlags;
    this.logs = logs;
  }

  /** One point of the curve. */
  record Point(int replicas, long messages, double seconds, double cpuSeconds) {
    double perSecond() {
      return messages / Math.max(seconds, 1e-9);
    }
  }

  Point run(int replicas, long messages, String suffix) throws Exception {
    ResourceUri q = backends.parse(queue).withName("replicas-" + suffix);
    ResourceUri t = backends.parse(table).withName("replicas" + suffix);
    try (WorkQueue wq = backends.queue(q);
        ResultTable rt = backends.table(t)) {
      wq.createIfMissing();
      rt.createIfMissing();
      new Producer(
              wq,
              new ProducerOptions(messages, null, 0, 0, ProducerOptions.DEFAULT_BATCH_SIZE, 1, 0),
              Clock.systemUTC())
          .run(n -> {});
    }
    List<Process> processes = new ArrayList<>();
    double cpuBefore = ChildCpu.seconds();
    long start = System.nanoTime();
    for (int i = 0; i < replicas; i++) {
      List<String> command = new ArrayList<>(javaCommand());
      command.addAll(
          List.of(
              "consume",
              "--queue",
              q.toString(),
              "--table",
              t.toString(),
              "--until-empty",
              "--metrics-port",
              "-1"));
      command.addAll(consumeFlags);
      File log = logs.resolve("replica-" + suffix + "-" + i + ".log").toFile();
      processes.add(
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start());
    }
    for (int i = 0; i < processes.size(); i++) {
      Process p = processes.get(i);
      if (!p.waitFor(DRAIN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        processes.forEach(Process::destroy);
        throw new IllegalStateException("replica " + i + " did not finish; see " + logs);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "replica " + i + " exited " + p.exitValue() + "; see " + logs);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = ChildCpu.seconds() - cpuBefore;
    try (WorkQueue wq = backends.queue(q);
        ResultTable rt = backends.table(t)) {
      long rows = rt.count();
      long left = wq.depth().total();
      if (rows != messages || left != 0) {
        throw new IllegalStateException(
            "replica run lost work: " + rows + " rows, " + left + " left, of " + messages);
      }
    }
    return new Point(replicas, messages, seconds, cpu);
  }

  /**
   * This JVM's java and jar, started as {@code edw up} and the image start a replica (C1 only, the
   * serial collector, this JVM's class-data archive if it maps one), then {@code EDW_JAVA_OPTS},
   * which wins. The JVM's defaults (C2, G1, no archive) cost each replica seconds of CPU that no
   * replica of the autoscaler pays.
   */
  static List<String> javaCommand() {
    String extra = System.getenv("EDW_JAVA_OPTS");
    return ProcessReplicaLauncher.currentJava(
        Main.class.getName(),
        extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+")));
  }

  static Path logDirectory() throws java.io.IOException {
    return Files.createTempDirectory("edw-bench-replicas");
  }
}
