package dev.edw.core.consumer;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.admin.ReplicaControl;
import dev.edw.core.admin.ReplicaStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer replica, wired from small parts: a {@link Poller} receives while the {@link
 * Capacity} has permits; a {@link WorkerPool} runs each message's {@link Attempts attempt}; a
 * {@link ResultWriter} writes results in group commits; a {@link Finisher} acknowledges, retries or
 * poisons each message once; a {@link LeaseKeeper} keeps leases alive; a {@link Drain} stops it.
 * Every loop runs in a {@link LoopRunner}, so none can die or spin.
 *
 * <p>{@link #stop()} starts a graceful drain: no more receives; messages received but not started
 * are given back at once; running ones finish and are written within the drain timeout; whatever is
 * still running then is given back too, and the worker has stopped when the timeout ends.
 */
public final class QueueWorker implements AutoCloseable, ReplicaControl {
  private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

  static final Duration SUPERVISOR_INTERVAL = Duration.ofSeconds(1);
  private static final Duration WRITER_IDLE = Duration.ofMillis(200);

  /** What a drain did. */
  public record DrainReport(long completed, int released, int abandoned, boolean timedOut) {
    /** The record's usual text, written out (the generated one is linked on first use). */
    @Override
    public String toString() {
      return new StringBuilder(96)
          .append("DrainReport[completed=")
          .append(completed)
          .append(", released=")
          .append(released)
          .append(", abandoned=")
          .append(abandoned)
          .append(", timedOut=")
          .append(timedOut)
          .append(']')
          .toString();
    }
  }

  private final WorkQueue queue;
  private final ResultTable table;
  private final Processor processor;
  private final ConsumerOptions options;
  private final Clock clock;
  private final OutageWatch watch;
  private final WorkerListener listener;
  private final Capacity capacity;
  private final GroupLanes lanes = new GroupLanes();
  private final LeaseKeeper leaseKeeper;
  private final ResultWriter writer;
  private final Finisher finisher;
  private final WorkerPool pool;
  private final Drain drain;
  private final WorkerLoops loops;
  private final Readiness readiness;

  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile boolean started;
  private volatile long drainStartNanos;
  private volatile long finishDeadlineNanos = Long.MAX_VALUE;
  private volatile DrainReport report;

  public QueueWorker(
      WorkQueue queue,
      WorkQueue poisonQueue,
      ResultTable table,
      Processor processor,
      ConsumerOptions options,
      Clock clock,
      WorkerListener listener) {
    this.queue = Objects.requireNonNull(queue, "'queue' cannot be null.");
    this.table = table;
    this.processor = Objects.requireNonNull(processor, "'processor' cannot be null.");
    this.options = Objects.requireNonNull(options, "'options' cannot be null.");
    this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
    Objects.requireNonNull(listener, "'listener' cannot be null.");
    Objects.requireNonNull(poisonQueue, "'poisonQueue' cannot be null.");
    this.watch =
        new OutageWatch(
            new SafeListener(listener, clock), Duration.ofMillis(Long.MAX_VALUE), clock, () -> {});
    this.listener = watch;
    String name = queue.name();
    this.capacity =
        new Capacity(
            options.concurrency(),
            options.prefetch(),
            options.maxPrefetch(),
            options.maxMessages(),
            clock);
    Acknowledger acknowledger = new Acknowledger(queue, clock, this.listener);
    this.leaseKeeper = new LeaseKeeper(queue, options.visibility(), clock, this.listener);
    PoisonMover poisonMover =
        new PoisonMover(queue, poisonQueue, acknowledger, clock, this.listener);
    this.finisher =
        new Finisher(
            name,
            options,
            clock,
            this.listener,
            acknowledger,
            poisonMover,
            leaseKeeper,
            capacity,
            lanes);
    this.writer =
        new ResultWriter(
            table,
            table == null
                ? null
                : table.atomicCompletion(queue).map(CombinedCommit::new).orElse(null),
            options.writeBatch(),
            options.writeLinger(),
            finisher,
            this.listener,
            () -> stopping && System.nanoTime() >= finishDeadlineNanos,
            clock);
    Attempts attempts =
        new Attempts(
            name, processor, options.processingTimeout(), clock, this.listener, writer, finisher);
    this.pool =
        new WorkerPool(
            name,
            options.concurrency(),
            options.processingTimeout(),
            clock,
            attempts,
            finisher::failed,
            writer::nudge);
    finisher.onNextInGroup(pool::submit);
    this.loops = new WorkerLoops(name, clock, this.listener);
    this.readiness = new Readiness(loops.runners(), pool, capacity, watch, clock);
    this.drain =
        new Drain(name, capacity, pool, lanes, finisher, leaseKeeper, writer, this.listener);
  }

  /** Checks the queue exists and starts the loops. */
  public QueueWorker start() {
    if (!queue.exists()) {
      throw new ResourceNotFoundException(
          "queue '" + queue.name() + "' does not exist (" + queue.uri() + ")");
    }
    log.info(
        "consuming {} with {} (table {}): {}",
        queue.uri(),
        processor.getClass().getSimpleName(),
        table == null ? "none" : table.uri(),
        options);
    Poller poller = new Poller(queue, options, capacity, listener, this::accept, this::stop);
    LoopRunner poll =
        loops.poller(options.maxIdlePoll(), () -> !stopping, poller::tick, capacity::awaitChange);
    loops.add("write", WRITER_IDLE, () -> writer.awaitAndFlush(WRITER_IDLE));
    loops.add(
        "lease",
        leaseKeeper.interval(),
        () -> {
          leaseKeeper.tick();
          loops.await(leaseKeeper.interval());
        });
    loops.add(
        "supervise",
        SUPERVISOR_INTERVAL,
        () -> {
          pool.check();
          loops.await(SUPERVISOR_INTERVAL);
        });
    started = true;
    List<Thread> background = loops.startBackground();
    pool.start();
    Thread.ofPlatform()
        .name("edw-poller-" + queue.name())
        .start(
            () -> {
              try {
                poll.run();
              } finally {
                finish(background);
              }
            });
    return this;
  }

  private void accept(List<ReceivedMessage> messages) {
    long expires = clock.millis() + options.visibility().toMillis();
    for (ReceivedMessage m : messages) {
      InFlight f = new InFlight(m, expires);
      leaseKeeper.track(f);
      if (lanes.admit(f)) {
        pool.submit(f);
      }
    }
    listener.inFlight(capacity.held());
  }

  private void finish(List<Thread> background) {
    try {
      long start = drainStartNanos == 0 ? System.nanoTime() : drainStartNanos;
      report =
          drain.run(
              start,
              options.drainTimeout(),
              () -> {
                loops.stop();
                writer.nudge();
              },
              background);
      log.info("stopped consuming {}: {}", queue.name(), report);
    } catch (Throwable t) {
      log.error("draining {} failed: {}", queue.name(), t.toString());
      report = new DrainReport(capacity.completed(), 0, capacity.held(), true);
    } finally {
      finished.countDown();
    }
  }

  /** Changes how many messages are processed at once, without a restart. */
  @Override
  public void setConcurrency(int value) {
    capacity.resize(value);
    pool.resize(value);
  }

  public int concurrency() {
    return capacity.concurrency();
  }

  /** Messages received and not yet completed or given back. */
  public int inFlight() {
    return capacity.held();
  }

  /** Messages completed: written and acknowledged, or moved to the poison queue. */
  public long completed() {
    return capacity.completed();
  }

  /** Processing workers alive now. */
  public int liveWorkers() {
    return pool.live();
  }

  /** How many more messages the poller would receive now. */
  public int receiveBudget() {
    return stopping ? 0 : capacity.budget();
  }

  @Override
  public ReplicaStatus status() {
    return new ReplicaStatus(
        concurrency(), liveWorkers(), receiveBudget(), inFlight(), completed(), ready());
  }

  public boolean stopping() {
    return stopping;
  }

  /** Why the worker is not ready, for {@code /readyz}; null when it is. */
  public String notReadyReason() {
    return readiness.notReadyReason(started, stopping);
  }

  /** Whether the worker is running, its loops tick, its workers live and its backends answer. */
  public boolean ready() {
    return notReadyReason() == null;
  }

  /** Starts a graceful drain; returns at once. */
  public void stop() {
    synchronized (this) {
      if (!stopping) {
        drainStartNanos = System.nanoTime();
        finishDeadlineNanos = Drain.finishDeadline(drainStartNanos, options.drainTimeout());
        stopping = true;
      }
    }
    capacity.wake();
  }

  /** Waits until the worker stopped (by {@link #stop()}, an empty queue or the message limit). */
  public DrainReport awaitTermination() throws InterruptedException {
    finished.await();
    return report;
  }

  /** Waits up to {@code timeout}; returns null if the worker is still running. */
  public DrainReport awaitTermination(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? report : null;
  }

  @Override
  public void close() {
    stop();
    try {
      awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
