package dev.edw.up;

import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.spec.ScaledJobSpec;
import dev.edw.up.cluster.Cluster;
import dev.edw.up.dashboard.DashboardEvents;
import dev.edw.up.dashboard.DashboardServer;
import dev.edw.up.load.ProducerLoad;
import dev.edw.up.replica.ProcessReplicaLauncher;
import dev.edw.up.replica.ReplicaLauncher;
import dev.edw.up.replica.ThreadReplicaLauncher;
import dev.edw.up.work.WorkTimeProcessorFactory;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code edw up}: wires the producer, the autoscaler, the pod and node model, the replicas and the
 * live views, runs the loop until stopped (or idle), then drains every replica.
 */
public final class Up {
  private static final Logger log = LoggerFactory.getLogger(Up.class);
  private static final Duration REAP_STEP = Duration.ofMillis(200);
  private static final Duration KILL_GRACE = Duration.ofSeconds(10);

  /**
   * What a run did.
   *
   * @param peakReplicas the most replicas (or jobs) at once
   * @param evaluations how many rules ran
   */
  public record Report(
      long sent, long completed, int peakReplicas, int evaluations, long visibleLeft) {}

  private final UpOptions options;
  private final Backends backends;
  private final List<String> javaCommand;
  private final Clock clock;
  private final PrintStream statusOut;
  private final Consumer<String> announce;
  private volatile UpLoop loop;
  private volatile boolean stopRequested;

  /**
   * @param javaCommand how to start edw for process replicas ({@link
   *     ProcessReplicaLauncher#currentJava})
   * @param statusOut where the status line goes (a terminal), or null for none
   * @param announce prints one line for the user (the dashboard's URL)
   */
  public Up(
      UpOptions options,
      Backends backends,
      List<String> javaCommand,
      Clock clock,
      PrintStream statusOut,
      Consumer<String> announce) {
    this.options = options;
    this.backends = backends;
    this.javaCommand = List.copyOf(javaCommand);
    this.clock = clock;
    this.statusOut = statusOut;
    this.announce = announce;
  }

  /** Asks the run to stop: the producer stops and every replica drains. */
  public void stop() {
    stopRequested = true;
    UpLoop l = loop;
    if (l != null) {
      l.stop();
    }
  }

  public Report run() throws Exception {
    try (WorkQueue queue = backends.queue(options.queue());
        ReplicaLauncher launcher = launcher()) {
      queue.createIfMissing();
      backends.poisonQueue(queue).createIfMissing();
      Instant created = clock.instant();
      ScalingDriver driver = new ScalingDriver(options.spec(), created);
      Cluster cluster = new Cluster(options.cluster(), launcher);
      ProducerLoad producer = new ProducerLoad(queue, options.profile(), options.duration(), clock);
      Peaks peaks = new Peaks();
      List<UpListener> listeners = new ArrayList<>(List.of(peaks));
      TimelineWriter timeline =
          options.timeline() == null ? null : new TimelineWriter(options.timeline());
      if (timeline != null) {
        listeners.add(timeline);
      }
      DashboardEvents events = new DashboardEvents(config(queue));
      listeners.add(events);
      StatusLine status =
          statusOut == null ? null : new StatusLine(statusOut, options.cluster().nodeModel());
      if (status != null) {
        listeners.add(status);
      }
      DashboardServer dashboard =
          options.dashboardPort() < 0 ? null : new DashboardServer(options.dashboardPort(), events);
      try {
        if (dashboard != null) {
          announce.accept("edw up: dashboard on " + dashboard.url());
        }
        UpLoop l = new UpLoop(queue, driver, cluster, producer, clock, listeners);
        loop = l;
        if (stopRequested) {
          l.stop();
        }
        producer.start();
        l.run(options.tick(), options.untilIdle());
        producer.stop();
        drain(cluster);
        if (status != null) {
          status.finish();
        }
        long visibleLeft = queue.depth().visible();
        return new Report(
            producer.sent(), cluster.completed(), peaks.replicas, peaks.evaluations, visibleLeft);
      } finally {
        producer.stop();
        cluster.terminateAll();
        cluster.killAll();
        if (dashboard != null) {
          dashboard.close();
        }
        if (timeline != null) {
          timeline.close();
        }
      }
    }
  }

  private Map<String, Object> config(WorkQueue queue) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("kind", options.spec() instanceof ScaledJobSpec ? "ScaledJob" : "ScaledObject");
    c.put("name", options.spec().name());
    c.put("queue", queue.uri().toString());
    c.put("nodeModel", options.cluster().nodeModel());
    return c;
  }

  /** SIGTERM to every replica, then waits for them to exit; kills what outlives the drain. */
  private void drain(Cluster cluster) throws InterruptedException {
    cluster.terminateAll();
    Instant deadline = clock.instant().plus(options.drainTimeout()).plus(KILL_GRACE);
    while (!cluster.empty() && clock.instant().isBefore(deadline)) {
      cluster.tick(clock.instant());
      Thread.sleep(REAP_STEP);
    }
    if (!cluster.empty()) {
      log.warn("replicas still running after the drain timeout: killing them");
      cluster.killAll();
    }
  }

  private ReplicaLauncher launcher() {
    Map<String, String> processorOptions =
        Map.of(
            WorkTimeProcessorFactory.WORK_MS,
            Long.toString(options.workTime().toMillis()),
            WorkTimeProcessorFactory.DELEGATE,
            options.processor());
    if (options.replicas() == UpOptions.ReplicaMode.THREADS) {
      ConsumerOptions consumer =
          ConsumerOptions.builder()
              .concurrency(options.concurrency())
              .prefetch(options.prefetch())
              .drainTimeout(options.drainTimeout())
              .build();
      return new ThreadReplicaLauncher(
          backends,
          options.queue(),
          options.table(),
          WorkTimeProcessorFactory.NAME,
          processorOptions,
          consumer,
          clock);
    }
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--queue", options.queue(), "--table", options.table()));
    args.addAll(List.of("--processor", WorkTimeProcessorFactory.NAME));
    processorOptions.forEach((k, v) -> args.addAll(List.of("--processor-option", k + "=" + v)));
    args.addAll(List.of("--concurrency", Integer.toString(options.concurrency())));
    args.addAll(List.of("--prefetch", Integer.toString(options.prefetch())));
    args.addAll(List.of("--drain-timeout", options.drainTimeout().toMillis() + "ms"));
    args.addAll(options.replicaArgs());
    return new ProcessReplicaLauncher(javaCommand, args, options.logs());
  }

  /** The peaks for the report. */
  private static final class Peaks implements UpListener {
    int replicas;
    int evaluations;

    @Override
    public void decision(Evaluation d) {
      evaluations++;
    }

    @Override
    public void snapshot(Snapshot s) {
      replicas = Math.max(replicas, s.current());
    }
  }
}
