package dev.edw.cli;

import dev.edw.api.backend.ResourceUri;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.core.bench.EndToEndBench;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.producer.ProducerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edw bench}: end-to-end throughput, edw beside the seed's way, in one run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure end-to-end throughput (produce + consume + result upsert + ack) of edw beside a"
          + " seed-style loop (send one, receive one, write one, delete one) on the same backend.",
      "Each run uses fresh resources; prints each run, the medians and their ratio."
    })
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--queue",
      paramLabel = "URI",
      description =
          "Queue URI whose location is used; the name is replaced per run. Default: a fresh SQLite file.")
  String queue;

  @Option(
      names = "--table",
      paramLabel = "URI",
      description =
          "Table URI whose location is used; the name is replaced per run. Default: the queue's SQLite file.")
  String table;

  @Option(
      names = {"-n", "--messages"},
      defaultValue = "200000",
      description = "Messages per edw run. Default: ${DEFAULT-VALUE}.")
  long messages;

  @Option(
      names = "--naive-messages",
      defaultValue = "5000",
      description = "Messages per seed-style run. Default: ${DEFAULT-VALUE}.")
  long naiveMessages;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Runs of each, alternating. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(
      names = "--warmup",
      defaultValue = "50000",
      description =
          "Messages of each unmeasured warm-up pass, run until the JIT has compiled the hot path"
              + " (0: none)."
              + " Default: ${DEFAULT-VALUE}.")
  long warmup;

  @Option(
      names = "--max-warmup-passes",
      paramLabel = "N",
      defaultValue = "" + JitWarmup.DEFAULT_MAX_PASSES,
      description =
          "Warm-up passes at most: another runs while the JIT compiled for "
              + JitWarmup.SETTLED_PERCENT
              + " %% or more of the last one's time (1: one pass). Default: ${DEFAULT-VALUE}.")
  int maxWarmupPasses;

  @Option(
      names = {"-c", "--concurrency"},
      defaultValue = "" + ConsumerOptions.DEFAULT_CONCURRENCY,
      description = "Consumer concurrency. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(
      names = "--write-batch",
      defaultValue = "" + ConsumerOptions.DEFAULT_WRITE_BATCH,
      description = "Results per group commit. Default: ${DEFAULT-VALUE}.")
  int writeBatch;

  @Option(
      names = "--senders",
      defaultValue = "0",
      description =
          "Producer senders. Default: 1 where a send carries a batch, "
              + SINGLE_SEND_SENDERS
              + " where it carries one message (Azure Queue Storage).")
  int senders;

  @Option(
      names = "--variants",
      defaultValue = "record",
      description =
          "Processors to measure beside the seed-style loop, comma-separated: record (built in),"
              + " exec (persistent, the Python example), http (a local app), per-message (one"
              + " /bin/sh per message). Default: ${DEFAULT-VALUE}.")
  String variants;

  @Option(
      names = "--user-code-messages",
      defaultValue = "20000",
      description = "Messages per exec and http run. Default: ${DEFAULT-VALUE}.")
  long userCodeMessages;

  @Option(
      names = "--per-message-messages",
      defaultValue = "2000",
      description = "Messages per per-message run. Default: ${DEFAULT-VALUE}.")
  long perMessageMessages;

  @Option(
      names = "--python-worker",
      paramLabel = "PATH",
      defaultValue = "examples/python/seed_worker.py",
      description = "The Python worker of the exec variant. Default: ${DEFAULT-VALUE}.")
  Path pythonWorker;

  @Option(
      names = "--replicas",
      split = ",",
      paramLabel = "N",
      description =
          "Instead of the runs above: fill the queue with --messages, start N `edw consume"
              + " --until-empty` processes on it at once and time them to the last exit (JVM start"
              + " included); a list (1,2,4,8) gives the curve, each N --runs times. Also prints"
              + " a steady rate: rows done per second while all N were consuming, from 10 %% to"
              + " 90 %% of the messages done (JVM start and the tail left out).")
  List<Integer> replicas;

  /** Senders where every send call carries one message: enough to keep the consumer fed. */
  static final int SINGLE_SEND_SENDERS = 16;

  /** The senders to use on {@code queue}: as given, else picked by its send batch limit. */
  static int senders(int given, WorkQueue queue) {
    if (given > 0) {
      return given;
    }
    return queue.limits().maxSendBatch() == 1 ? SINGLE_SEND_SENDERS : 1;
  }

  @Override
  public Integer call() throws Exception {
    if (maxWarmupPasses < 1) {
      throw new IllegalArgumentException(
          "--max-warmup-passes takes at least 1, not " + maxWarmupPasses);
    }
    Path scratch = null;
    if (queue == null) {
      scratch = Files.createTempDirectory("edw-bench");
      queue = "sqlite:" + scratch.resolve("bench.db") + "#q";
    }
    if (table == null) {
      table = ResourceUri.parse(queue).scheme().equals("sqlite") ? queue : null;
      if (table == null) {
        throw new IllegalArgumentException("give --table for a queue that is not SQLite");
      }
    }
    Backends backends = Backends.system();
    if (replicas != null && !replicas.isEmpty()) {
      replicaCurve(backends);
      if (scratch != null) {
        deleteTree(scratch);
      }
      return Main.EXIT_OK;
    }
    EndToEndBench bench = new EndToEndBench(Clock.systemUTC());
    ConsumerOptions consumer =
        ConsumerOptions.builder()
            .concurrency(concurrency)
            .maxPrefetch(Math.max(ConsumerOptions.DEFAULT_MAX_PREFETCH, writeBatch * 2))
            .writeBatch(writeBatch)
            .build();
    List<String> names = BenchVariants.parse(variants);
    Map<String, List<EndToEndBench.Result>> results = new LinkedHashMap<>();
    names.forEach(n -> results.put(n, new ArrayList<>()));
    List<EndToEndBench.Result> naive = new ArrayList<>();
    List<EndToEndBench.Result> plain = new ArrayList<>();
    PlainLoopBaseline plainLoop =
        PlainLoopBaseline.forQueue(backends.parse(queue), Clock.systemUTC());
    System.out.printf(
        "edw bench: %d msgs per edw run, %d per seed-style run, %d run(s), senders %s, queue %s,"
            + " table %s, variants %s%n",
        messages,
        naiveMessages,
        runs,
        senders > 0 ? Integer.toString(senders) : "by the queue's send batch",
        queue,
        table,
        String.join(",", names));
    List<String[]> tables = new ArrayList<>();
    try (BenchVariants processors =
        new BenchVariants(Clock.systemUTC(), concurrency, pythonWorker)) {
      if (warmup > 0) {
        JitWarmup jit = JitWarmup.ofThisJvm(maxWarmupPasses);
        boolean another;
        do {
          boolean first = jit.passes() == 0;
          jit.passStarts();
          String suffix = "w" + Long.toString(System.nanoTime(), 36);
          List<String> variants = warmUpVariants(first, names);
          for (String n : variants) {
            runEdw(backends, bench, processors, n, suffix, Math.min(warmup, count(n)), consumer);
          }
          if (first) {
            runNaive(backends, bench, suffix, Math.min(warmup, naiveMessages));
          }
          if (plainLoop != null) {
            plainLoop.run(suffix, warmup);
          }
          another = jit.passEndsAndAnotherIsDue();
          System.out.printf(
              "warm-up pass %d (%s%s%s): %d msgs (not measured), the JIT compiling for %.0f %% of"
                  + " it%s%n",
              jit.passes(),
              String.join(", ", variants),
              first ? ", seed-style" : "",
              plainLoop != null ? ", plain loop" : "",
              warmup,
              jit.lastShare() * 100,
              another || jit.settled() ? "" : "; not settled, but --max-warmup-passes reached");
        } while (another);
      }
      for (int run = 1; run <= runs; run++) {
        String suffix = "b" + Long.toString(System.nanoTime(), 36) + run;
        for (String n : names) {
          results
              .get(n)
              .add(report(run, runEdw(backends, bench, processors, n, suffix, count(n), consumer)));
          tables.add(new String[] {n, suffix});
        }
        naive.add(report(run, timed(() -> runNaive(backends, bench, suffix, naiveMessages))));
        if (plainLoop != null) {
          plain.add(report(run, timed(() -> plainLoop.run(suffix, messages))));
        }
      }
    }
    // After the measured runs: counting rows is slow on some backends (Azurite).
    for (String[] t : tables) {
      try (ResultTable rt = backends.table(edwTable(backends, t[0], t[1]))) {
        bench.verifyRows(rt, count(t[0]));
      }
    }
    System.out.printf(
        "verified: one row per message in each of the %d edw tables%n", tables.size());
    EndToEndBench.Result naiveMedian = median(naive);
    for (String n : names) {
      EndToEndBench.Result m = median(results.get(n));
      System.out.printf(
          n.equals("record")
              ? "median: edw %.0f msgs/s, seed-style %.0f msgs/s, ratio %.1fx%n"
              : "median: " + n + " %.0f msgs/s, seed-style %.0f msgs/s, ratio %.1fx%n",
          m.perSecond(),
          naiveMedian.perSecond(),
          m.perSecond() / naiveMedian.perSecond());
    }
    EndToEndBench.Result edwMedian = median(results.get("record"));
    if (plainLoop != null) {
      EndToEndBench.Result plainMedian = median(plain);
      System.out.printf(
          "median: plain loop %.0f msgs/s (same file, same sync setting)%n",
          plainMedian.perSecond());
      // on a line of its own: scripts read it
      System.out.printf(
          "ratio to the plain loop: %.2f%n", edwMedian.perSecond() / plainMedian.perSecond());
    }
    if (backends.parse(queue).scheme().equals("redis")) {
      RedisRawFigures.print(queue);
    }
    System.out.println(
        "where the time goes in the median edw run (seconds in calls, calls, items):");
    for (Map.Entry<String, double[]> e : edwMedian.timings().summary().entrySet()) {
      double[] v = e.getValue();
      System.out.printf("  %-24s %8.2f s %9.0f calls %10.0f items%n", e.getKey(), v[0], v[1], v[2]);
    }
    dev.edw.sqlite.WriterLockUse locked = lockUse.get(edwMedian);
    if (locked != null && locked.turns() > 0) {
      double held = locked.held().toNanos() / 1e9;
      double run = edwMedian.elapsed().toNanos() / 1e9;
      // what bounds a run on one file: its write lock, held by one transaction at a time
      System.out.printf(
          "  embedded store's write lock held %.2f s of the run's %.2f s (%.0f %%), %d transactions,"
              + " %.1f us per message%n",
          held, run, 100 * held / run, locked.turns(), held * 1e6 / edwMedian.messages());
    }
    if (scratch != null) {
      deleteTree(scratch);
    }
    return Main.EXIT_OK;
  }

  private void replicaCurve(Backends backends) throws Exception {
    for (int n : replicas) {
      if (n < 1) {
        throw new IllegalArgumentException("--replicas takes counts of at least 1, not " + n);
      }
    }
    java.nio.file.Path logs = ReplicaCurve.logDirectory();
    ReplicaCurve curve =
        new ReplicaCurve(
            backends,
            queue,
            table,
            List.of(
                "--concurrency",
                Integer.toString(concurrency),
                "--write-batch",
                Integer.toString(writeBatch)),
            logs);
    System.out.printf(
        "edw bench --replicas %s: %d msgs per drain, %d run(s), queue %s, table %s, logs in %s%n",
        replicas, messages, runs, queue, table, logs);
    System.out.printf("replica JVM: %s%n", String.join(" ", ReplicaCurve.javaCommand()));
    Map<Integer, List<Double>> rates = new java.util.LinkedHashMap<>();
    Map<Integer, List<Double>> steadyRates = new java.util.LinkedHashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (int n : replicas) {
        String suffix = "r" + Long.toString(System.nanoTime(), 36) + "n" + n;
        ReplicaCurve.Point p = curve.run(n, messages, suffix);
        System.out.printf(
            "run %d replicas %-3d %8d msgs in %7.2f s = %9.0f msgs/s, CPU of the replicas %.1f s"
                + " (%.1f us per msg)%n",
            run,
            n,
            p.messages(),
            p.seconds(),
            p.perSecond(),
            p.cpuSeconds(),
            p.cpuSeconds() * 1e6 / p.messages());
        rates.computeIfAbsent(n, k -> new ArrayList<>()).add(p.perSecond());
        System.out.printf(
            "steady: run %d replicas %-3d %s, counting the rows cost this process %.2f s CPU%n",
            run, n, describe(p.steady(), n, messages), p.samplingCpuSeconds());
        steadyRates.computeIfAbsent(n, k -> new ArrayList<>()).add(p.steady().perSecond());
      }
    }
    double first = Double.NaN;
    for (Map.Entry<Integer, List<Double>> e : rates.entrySet()) {
      List<Double> sorted = new ArrayList<>(e.getValue());
      sorted.sort(null);
      double median = sorted.get(sorted.size() / 2);
      if (Double.isNaN(first)) {
        first = median;
      }
      System.out.printf(
          "median: replicas %d %.0f msgs/s, %.2fx of %d replica(s)%n",
          e.getKey(), median, median / first, replicas.get(0));
    }
    double firstSteady = Double.NaN;
    for (Map.Entry<Integer, List<Double>> e : steadyRates.entrySet()) {
      double median = medianOfKnown(e.getValue());
      if (e.getKey().equals(replicas.get(0))) {
        firstSteady = median;
      }
      System.out.printf(
          "median steady: replicas %d %.0f msgs/s, %.2fx of %d replica(s)%n",
          e.getKey(), median, median / firstSteady, replicas.get(0));
    }
    deleteTree(logs);
  }

  /** The median of the runs that had a window (NaN ones left out), or NaN if none had. */
  private static double medianOfKnown(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values.stream().filter(v -> !v.isNaN()).toList());
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static String describe(SteadyRate.Window w, int replicas, long messages) {
    if (w.rows() == 0) {
      return "no window: no two samples while all "
          + replicas
          + " replica(s) were consuming, from "
          + Math.round(SteadyRate.FROM * 100)
          + " % done";
    }
    return String.format(
        "%9.0f msgs/s while all %d consumed (%d rows in %.2f s, from %d %% done to %d %%)",
        w.perSecond(),
        replicas,
        w.rows(),
        w.seconds(),
        w.fromRows() * 100 / messages,
        w.toRows() * 100 / messages);
  }

  /**
   * What a warm-up pass runs: the first, every variant and the seed-style loop; the ones after it,
   * which wait for the JIT to settle, only the built-in record processor (the targets' pipeline),
   * since the user-code variants spend their time in other processes (a pass of per-message runs
   * starts thousands of shells).
   */
  static List<String> warmUpVariants(boolean firstPass, List<String> variants) {
    return firstPass ? variants : variants.stream().filter("record"::equals).toList();
  }

  /** Messages per run of {@code variant}. */
  private long count(String variant) {
    return switch (variant) {
      case "record" -> messages;
      case "per-message" -> perMessageMessages;
      default -> userCodeMessages;
    };
  }

  private EndToEndBench.Result runEdw(
      Backends backends,
      EndToEndBench bench,
      BenchVariants processors,
      String variant,
      String suffix,
      long count,
      ConsumerOptions consumer)
      throws InterruptedException, java.io.IOException {
    CpuUse before = CpuUse.now();
    dev.edw.sqlite.WriterLockUse locked = dev.edw.sqlite.WriterLockUse.now();
    EndToEndBench.Result r =
        runEdw(backends, bench, processors, variant, suffix, count, consumer, 0);
    cpu.put(r, CpuUse.now().perMessageSince(before, count));
    lockUse.put(r, dev.edw.sqlite.WriterLockUse.now().since(locked));
    return r;
  }

  private EndToEndBench.Result runEdw(
      Backends backends,
      EndToEndBench bench,
      BenchVariants processors,
      String variant,
      String suffix,
      long count,
      ConsumerOptions consumer,
      int unused)
      throws InterruptedException, java.io.IOException {
    String name = variant.equals("record") ? "edw" : variant;
    ResourceUri q = backends.parse(queue).withName("bench-" + prefix(variant) + suffix);
    ResourceUri t = edwTable(backends, variant, suffix);
    try (WorkQueue wq = backends.queue(q);
        WorkQueue poison = backends.poisonQueue(wq);
        ResultTable rt = backends.table(t);
        Processor processor = processors.create(variant)) {
      ProducerOptions producer =
          new ProducerOptions(
              count, null, 0, 0, ProducerOptions.DEFAULT_BATCH_SIZE, senders(senders, wq), 0);
      return bench.edw(name, processor, wq, poison, rt, count, consumer, producer);
    }
  }

  /** Table and queue names per variant; record keeps the names it always had. */
  private static String prefix(String variant) {
    return variant.equals("record") ? "" : variant.replace("-", "") + "-";
  }

  private ResourceUri edwTable(Backends backends, String variant, String suffix) {
    return backends.parse(table).withName("bench" + prefix(variant).replace("-", "") + suffix);
  }

  private EndToEndBench.Result runNaive(
      Backends backends, EndToEndBench bench, String suffix, long count)
      throws InterruptedException {
    try (WorkQueue wq = backends.queue(backends.parse(queue).withName("naive-" + suffix));
        ResultTable rt = backends.table(backends.parse(table).withName("naive" + suffix))) {
      return bench.naive(wq, rt, count);
    }
  }

  /** A run whose outcome is a bench result. */
  @FunctionalInterface
  private interface Run {
    EndToEndBench.Result run() throws Exception;
  }

  /** Runs {@code run} and keeps its CPU per message to print beside it. */
  private EndToEndBench.Result timed(Run run) throws Exception {
    CpuUse before = CpuUse.now();
    EndToEndBench.Result r = run.run();
    cpu.put(r, CpuUse.now().perMessageSince(before, r.messages()));
    return r;
  }

  /** CPU per message of each run, printed beside it. */
  private final Map<EndToEndBench.Result, String> cpu = new java.util.IdentityHashMap<>();

  /** The embedded store's write lock during each edw run (none on other backends). */
  private final Map<EndToEndBench.Result, dev.edw.sqlite.WriterLockUse> lockUse =
      new java.util.IdentityHashMap<>();

  private EndToEndBench.Result report(int run, EndToEndBench.Result r) {
    System.out.printf(
        "run %d %-11s %8d msgs in %7.2f s = %9.0f msgs/s%s%n",
        run,
        r.name(),
        r.messages(),
        r.elapsed().toNanos() / 1e9,
        r.perSecond(),
        cpu.containsKey(r) ? "  (" + cpu.get(r) + ")" : "");
    return r;
  }

  private static EndToEndBench.Result median(List<EndToEndBench.Result> results) {
    List<EndToEndBench.Result> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparingDouble(EndToEndBench.Result::perSecond));
    return sorted.get(sorted.size() / 2);
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
