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
 * start included), for each N in turn; checks that every message left one row. While they run, it
 * counts the result table's rows every {@link #SAMPLE_EVERY} for the {@link SteadyRate} (this
 * process's CPU for those counts is reported beside it).
 */
final class ReplicaCurve {
  /** How long one drain may take before the bench gives up on it. */
  static final long DRAIN_LIMIT_SECONDS = 600;

  /**
   * How often the result table's rows are counted while the replicas run. The rate is exact between
   * the two samples that bound the window, so a coarse interval costs no precision, only a window
   * that may open and close up to this much later; every count is a read of the whole table (about
   * 7 ms of CPU at 100,000 rows), which competes with the replicas for the machine.
   */
  static final java.time.Duration SAMPLE_EVERY = java.time.Duration.ofMillis(500);

  /** A replica has started consuming once its log has a line of QueueWorker's with this. */
  static final String CONSUMING = "consuming ";

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
  record Point(
      int replicas,
      long messages,
      double seconds,
      double cpuSeconds,
      SteadyRate.Window steady,
      double samplingCpuSeconds) {
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
    List<Path> logFiles = new ArrayList<>();
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
      logFiles.add(log.toPath());
      processes.add(
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start());
    }
    SteadyRate steady = new SteadyRate(messages);
    double samplingCpu = sample(processes, logFiles, t, steady);
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
    return new Point(replicas, messages, seconds, cpu, steady.window(), samplingCpu);
  }

  /**
   * Counts the rows of {@code table} every {@link #SAMPLE_EVERY} until every replica has exited (or
   * the drain limit), noting whether all of them had logged {@link #CONSUMING} by then; returns the
   * CPU seconds this thread spent on it. A count is a read (no writer lock) of the whole table.
   */
  private double sample(
      List<Process> processes, List<Path> logFiles, ResourceUri table, SteadyRate steady)
      throws Exception {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuBefore = threads.getCurrentThreadCpuTime();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_LIMIT_SECONDS);
    boolean[] running = new boolean[logFiles.size()];
    int runningCount = 0;
    try (ResultTable rt = backends.table(table)) {
      for (Process last : processes.reversed()) {
        while (!last.waitFor(SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS)
            && System.nanoTime() < deadline) {
          for (int i = 0; i < running.length; i++) {
            if (!running[i] && consuming(logFiles.get(i))) {
              running[i] = true;
              runningCount++;
            }
          }
          steady.add(System.nanoTime(), rt.count(), runningCount == running.length);
        }
      }
    }
    return (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
  }

  private static boolean consuming(Path log) throws java.io.IOException {
    String text = new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.ISO_8859_1);
    return text.lines().anyMatch(l -> l.contains("QueueWorker") && l.contains(CONSUMING));
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
