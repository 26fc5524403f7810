package dev.edw.up;

import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.WorkQueue;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.up.cluster.Cluster;
import dev.edw.up.cluster.ClusterView;
import dev.edw.up.load.ProducerLoad;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator: each tick it reads the queue's depth, advances the pod and node model, runs the
 * autoscaler's due evaluations and applies the last one (a replica count for a ScaledObject, jobs
 * to create for a ScaledJob), then tells the listeners. {@link #step()} is one tick on the injected
 * clock, so tests drive it with a manual clock and no processes.
 */
public final class UpLoop {
  private static final Logger log = LoggerFactory.getLogger(UpLoop.class);

  /** The window of the live latency quantiles. */
  static final Duration LATENCY_WINDOW = Duration.ofSeconds(10);

  private final WorkQueue queue;
  private final ScalingDriver autoscaling;
  private final Cluster cluster;
  private final ProducerLoad producer;
  private final Clock clock;
  private final List<UpListener> listeners;
  private final Instant start;
  private final Throughput throughput = new Throughput(Duration.ofSeconds(5));
  private final LatencyWindow latencies = new LatencyWindow(LATENCY_WINDOW);
  private final AtomicLong errors = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private QueueDepth depth = new QueueDepth(0, 0, 0, true);
  private boolean scaledUp;
  private Snapshot last;

  /**
   * @param producer the load, or null when something else fills the queue
   */
  public UpLoop(
      WorkQueue queue,
      ScalingDriver autoscaling,
      Cluster cluster,
      ProducerLoad producer,
      Clock clock,
      List<UpListener> listeners) {
    this.queue = queue;
    this.autoscaling = autoscaling;
    this.cluster = cluster;
    this.producer = producer;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
    this.start = clock.instant();
  }

  /** One tick at the clock's instant. */
  public Snapshot step() {
    Instant now = clock.instant();
    QueueDepth observed = null;
    try {
      observed = queue.depth();
      depth = observed;
    } catch (RuntimeException e) {
      errors.incrementAndGet();
      log.warn("cannot read the depth of {}: {}", queue.uri(), e.toString());
    }
    cluster.tick(now);
    if (!now.isBefore(autoscaling.nextDue())) {
      List<Evaluation> decisions = autoscaling.advance(now, observed, cluster.view(now));
      for (Evaluation d : decisions) {
        notify(l -> l.decision(d));
      }
      if (!decisions.isEmpty()) {
        apply(decisions.get(decisions.size() - 1), now);
      }
    }
    ClusterView view = cluster.view(now);
    long completed = cluster.completed();
    Latency latency = latencies.add(now, cluster.takeReplicaStats());
    Snapshot s =
        new Snapshot(
            Duration.between(start, now).toMillis() / 1000.0,
            depth.visible(),
            Math.max(0, depth.inFlight()),
            autoscaling.scaledJob() ? view.runningJobs() : cluster.target(),
            autoscaling.scaledJob() ? view.runningJobs() : view.current(),
            view.ready(),
            view.pending(),
            view.nodes(),
            view.readyNodes(),
            producer == null ? 0 : producer.sent(),
            completed,
            throughput.add(now, completed),
            latency.p50(),
            latency.p99());
    last = s;
    notify(l -> l.snapshot(s));
    return s;
  }

  private void apply(Evaluation d, Instant now) {
    if (autoscaling.scaledJob()) {
      if (d.desired() > 0) {
        cluster.createJobs(d.desired(), now);
        scaledUp = true;
      }
    } else {
      cluster.scaleTo(d.desired(), now);
      scaledUp |= d.desired() > 0;
    }
  }

  /**
   * Whether the run is over for {@code --until-idle}: the producer is done, the queue is empty, and
   * no pod is left (after at least one scale-up, or when there was nothing to do).
   */
  public boolean idle() {
    if (last == null || (producer != null && !producer.done())) {
      return false;
    }
    ClusterView view = cluster.view(clock.instant());
    boolean noPods = view.pods().isEmpty();
    boolean nothingSent = producer == null || producer.sent() == 0;
    if (!depth.isEmpty() || !noPods || !(scaledUp || nothingSent)) {
      return false;
    }
    // The last snapshot may predate the producer's last send: look again before calling it idle.
    try {
      return queue.depth().isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Ticks every {@code tick} until {@link #stop()} or, with {@code untilIdle}, until idle. */
  public void run(Duration tick, boolean untilIdle) throws InterruptedException {
    while (true) {
      try {
        step();
        if (untilIdle && idle()) {
          return;
        }
      } catch (Throwable e) {
        errors.incrementAndGet();
        log.error("edw up loop error (continuing)", e);
      }
      if (stopped.await(tick.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  public void stop() {
    stopped.countDown();
  }

  public long errors() {
    return errors.get();
  }

  private void notify(java.util.function.Consumer<UpListener> call) {
    for (UpListener l : listeners) {
      try {
        call.accept(l);
      } catch (Throwable e) {
        log.warn("edw up listener {} failed (ignored)", l.getClass().getSimpleName(), e);
      }
    }
  }
}
