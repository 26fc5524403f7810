package dev.edw.core.consumer;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.processor.PoisonMessageException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer replica: receives messages in batches, processes them on virtual threads, writes
 * their results in group commits, acknowledges them only after the write, and keeps their leases
 * alive meanwhile. Failing messages are retried with back-off and moved to {@code <queue>-poison}
 * after the last allowed attempt.
 *
 * <p>Loops: a poller (receives while there is room, wakes as soon as room frees up), {@code
 * concurrency} processing workers (re-read at runtime), a result writer and a lease keeper. Each
 * loop catches everything, logs it with the queue's name, backs off and keeps running.
 *
 * <p>{@link #stop()} starts a graceful drain: no more receives; messages received but not started
 * are released at once; running ones finish and are written and acknowledged within the drain
 * timeout; whatever is still running after that is released too.
 */
public final class QueueWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
  private static final Duration ERROR_BACKOFF_FIRST = Duration.ofMillis(50);
  private static final Duration ERROR_BACKOFF_MAX = Duration.ofSeconds(5);
  private static final Duration WORKER_POLL = Duration.ofMillis(50);

  private final WorkQueue queue;
  private final ResultTable table;
  private final Processor processor;
  private final ConsumerOptions options;
  private final Clock clock;
  private final WorkerListener listener;
  private final Acknowledger acknowledger;
  private final LeaseKeeper leaseKeeper;
  private final PoisonMover poisonMover;
  private final ResultWriter writer;

  private final LinkedBlockingQueue<InFlight> buffer = new LinkedBlockingQueue<>();
  private final GroupLanes lanes = new GroupLanes();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger workers = new AtomicInteger();
  private final AtomicLong completed = new AtomicLong();
  private final Signal pollerSignal = new Signal();
  private final Signal stopSignal = new Signal();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile int concurrency;
  private volatile boolean stopping;
  private volatile boolean started;
  private volatile DrainReport report;
  private Thread poller;
  private Thread keeperThread;
  private Thread writerThread;

  /** What a drain did. */
  public record DrainReport(long completed, int released, int abandoned, boolean timedOut) {}

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
    this.listener = Objects.requireNonNull(listener, "'listener' cannot be null.");
    this.concurrency = options.concurrency();
    this.acknowledger = new Acknowledger(queue, clock, listener);
    this.leaseKeeper = new LeaseKeeper(queue, options.visibility(), clock, listener);
    this.poisonMover =
        new PoisonMover(
            queue,
            Objects.requireNonNull(poisonQueue, "'poisonQueue' cannot be null."),
            acknowledger,
            clock,
            listener);
    this.writer =
        new ResultWriter(
            table, options.writeBatch(), options.writeLinger(), new WriteSink(), listener);
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
    started = true;
    keeperThread = Thread.ofVirtual().name("edw-lease-" + queue.name()).start(this::keepLeases);
    writerThread = Thread.ofVirtual().name("edw-writer-" + queue.name()).start(this::writeResults);
    ensureWorkers();
    poller = Thread.ofPlatform().name("edw-poller-" + queue.name()).start(this::poll);
    return this;
  }

  /** Changes how many messages are processed at once, without a restart. */
  public void setConcurrency(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("'concurrency' must be at least 1.");
    }
    concurrency = value;
    ensureWorkers();
    pollerSignal.signal();
  }

  public int concurrency() {
    return concurrency;
  }

  /** Messages received and not yet completed or given back. */
  public int inFlight() {
    return outstanding.get();
  }

  /** Messages completed: written and acknowledged, or moved to the poison queue. */
  public long completed() {
    return completed.get();
  }

  public boolean stopping() {
    return stopping;
  }

  /** Whether the worker is running and not draining: for {@code /readyz}. */
  public boolean ready() {
    return started && !stopping;
  }

  /** Starts a graceful drain; returns at once. */
  public void stop() {
    stopping = true;
    pollerSignal.signal();
    stopSignal.signal();
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

  // ---- poller

  private void poll() {
    Backoff errors = new Backoff(ERROR_BACKOFF_FIRST, ERROR_BACKOFF_MAX);
    Backoff idle = new Backoff(Duration.ofMillis(10), options.maxIdlePoll());
    Duration wait = Duration.ZERO;
    try {
      while (!stopping) {
        try {
          int room = room();
          if (room <= 0 || room < lowWater()) {
            pollerSignal.await(options.maxIdlePoll());
            continue;
          }
          int max = Math.min(room, queue.limits().maxReceiveBatch());
          long polledAt = System.nanoTime();
          List<ReceivedMessage> messages = queue.receive(max, options.visibility(), wait);
          errors.reset();
          listener.polled(messages.size());
          if (messages.isEmpty()) {
            if (options.untilEmpty() && outstanding.get() == 0 && queue.depth().isEmpty()) {
              log.info("{} is empty and nothing is in flight: stopping", queue.name());
              stopping = true;
              break;
            }
            // Long-poll next time, so a message that arrives is taken at once; where the backend
            // returned sooner than asked (no long polling), wait out the rest here.
            Duration waited = Duration.ofNanos(System.nanoTime() - polledAt);
            if (waited.compareTo(wait) < 0) {
              pollerSignal.await(wait.minus(waited));
            }
            wait = idle.next();
            continue;
          }
          idle.reset();
          wait = Duration.ZERO;
          listener.received(messages.size());
          accept(messages);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (Throwable t) {
          log.warn("receiving from {} failed, retrying: {}", queue.uri(), t.toString());
          listener.loopError("poll", t);
          Signal.sleepQuietly(pollerSignal, errors.next());
        }
      }
    } finally {
      drain();
    }
  }

  private int room() {
    int room = concurrency + options.prefetch() - outstanding.get();
    if (options.maxMessages() > 0) {
      long left = options.maxMessages() - completed.get() - outstanding.get();
      if (left <= 0 && outstanding.get() == 0) {
        stopping = true;
      }
      room = (int) Math.min(room, Math.max(0, left));
    }
    return room;
  }

  /**
   * Receive only once a useful batch fits: a quarter of the capacity, at most one full receive;
   * when a message limit leaves less room than that, whatever room is left.
   */
  private int lowWater() {
    int capacity = concurrency + options.prefetch();
    int lowWater = Math.max(1, Math.min(queue.limits().maxReceiveBatch(), capacity / 4));
    if (options.maxMessages() > 0) {
      long left = options.maxMessages() - completed.get() - outstanding.get();
      lowWater = (int) Math.max(1, Math.min(lowWater, left));
    }
    return lowWater;
  }

  private void accept(List<ReceivedMessage> messages) {
    long expires = clock.millis() + options.visibility().toMillis();
    for (ReceivedMessage m : messages) {
      InFlight f = new InFlight(m, expires);
      outstanding.incrementAndGet();
      leaseKeeper.track(f);
      if (lanes.admit(f)) {
        buffer.add(f);
      }
    }
    listener.inFlight(outstanding.get());
  }

  // ---- processing workers

  private void ensureWorkers() {
    while (!stopping) {
      int current = workers.get();
      if (current >= concurrency) {
        return;
      }
      if (workers.compareAndSet(current, current + 1)) {
        Thread.ofVirtual().name("edw-work-" + queue.name()).start(this::work);
      }
    }
  }

  private void work() {
    try {
      while (!stopping) {
        int current = workers.get();
        if (current > concurrency) {
          if (workers.compareAndSet(current, current - 1)) {
            return;
          }
          continue;
        }
        InFlight f = buffer.poll(WORKER_POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (f != null) {
          running.incrementAndGet();
          try {
            for (InFlight next = f; next != null; next = lanes.next(next)) {
              process(next);
            }
          } finally {
            if (running.decrementAndGet() == 0 && buffer.isEmpty()) {
              writer.nudge();
            }
          }
        }
      }
      workers.decrementAndGet();
    } catch (InterruptedException e) {
      workers.decrementAndGet();
      Thread.currentThread().interrupt();
    }
  }

  private void process(InFlight f) {
    long start = System.nanoTime();
    ProcessResult result;
    try {
      result = processor.process(f.message);
      if (result == null) {
        result = ProcessResult.none();
      }
    } catch (Throwable t) {
      fail(f, t);
      return;
    }
    listener.processed(f.message, Duration.ofNanos(System.nanoTime() - start));
    writer.submit(new ResultWriter.Done(f, result));
  }

  private void fail(InFlight f, Throwable cause) {
    List<InFlight> behind = lanes.abandon(f);
    if (!behind.isEmpty()) {
      acknowledger.release(behind, Duration.ZERO);
      behind.forEach(this::finish);
    }
    try {
      if (f.leaseLost()) {
        return;
      }
      if (f.message.dequeueCount() >= options.maxDequeue()
          || cause instanceof PoisonMessageException) {
        listener.failed(f.message, cause, null);
        try {
          poisonMover.move(f, cause);
          completed.incrementAndGet();
        } catch (RuntimeException e) {
          log.warn(
              "moving {} to the poison queue failed; it will be retried: {}",
              f.message.id(),
              e.toString());
          acknowledger.release(List.of(f), options.retryDelay(f.message.dequeueCount()));
        }
      } else {
        Duration delay = options.retryDelay(f.message.dequeueCount());
        log.debug(
            "message {} of {} failed (attempt {}), retry in {}: {}",
            f.message.id(),
            queue.name(),
            f.message.dequeueCount(),
            delay,
            cause.toString());
        listener.failed(f.message, cause, delay);
        acknowledger.release(List.of(f), delay);
      }
    } finally {
      finish(f);
    }
  }

  private void finish(InFlight f) {
    f.markFinished();
    leaseKeeper.untrack(f);
    int left = outstanding.decrementAndGet();
    listener.inFlight(left);
    pollerSignal.signal();
  }

  /** Where the result writer hands written batches and failures. */
  private final class WriteSink implements ResultWriter.Sink {
    @Override
    public void written(List<ResultWriter.Done> batch) {
      List<InFlight> toDelete = new ArrayList<>(batch.size());
      for (ResultWriter.Done d : batch) {
        toDelete.add(d.inFlight());
      }
      acknowledger.delete(toDelete);
      Instant now = clock.instant();
      for (ResultWriter.Done d : batch) {
        InFlight f = d.inFlight();
        completed.incrementAndGet();
        Instant source =
            d.result().sourceTime() != null ? d.result().sourceTime() : f.message.enqueuedAt();
        listener.completed(
            f.message, source == null ? Duration.ZERO : Duration.between(source, now));
        finish(f);
      }
    }

    @Override
    public void writeFailed(ResultWriter.Done done, Throwable cause, boolean countsAsAttempt) {
      if (countsAsAttempt) {
        fail(done.inFlight(), cause);
      } else {
        InFlight f = done.inFlight();
        acknowledger.release(List.of(f), options.retryDelay(f.message.dequeueCount()));
        finish(f);
      }
    }
  }

  // ---- writer and lease keeper loops

  private void writeResults() {
    Backoff errors = new Backoff(ERROR_BACKOFF_FIRST, ERROR_BACKOFF_MAX);
    while (!stopping || outstanding.get() > 0) {
      try {
        writer.awaitAndFlush(Duration.ofMillis(200));
        errors.reset();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable t) {
        log.warn("writing results of {} failed, retrying: {}", queue.name(), t.toString());
        listener.loopError("write", t);
        Signal.pause(errors.next());
      }
    }
  }

  private void keepLeases() {
    while (!Thread.currentThread().isInterrupted() && (!stopping || outstanding.get() > 0)) {
      try {
        leaseKeeper.tick();
        stopSignal.await(leaseKeeper.interval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable t) {
        log.warn("keeping leases of {} failed, retrying: {}", queue.name(), t.toString());
        listener.loopError("lease", t);
      }
    }
  }

  // ---- drain

  private void drain() {
    long deadline = System.nanoTime() + options.drainTimeout().toNanos();
    List<InFlight> notStarted = new ArrayList<>();
    buffer.drainTo(notStarted);
    notStarted.addAll(lanes.drainWaiting());
    if (!notStarted.isEmpty()) {
      acknowledger.release(notStarted, Duration.ZERO);
      notStarted.forEach(this::finish);
      listener.released(notStarted.size());
      log.info("released {} message(s) of {} not yet started", notStarted.size(), queue.name());
    }
    boolean timedOut = false;
    try {
      while (outstanding.get() > 0) {
        writer.nudge();
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          timedOut = true;
          break;
        }
        pollerSignal.await(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50))));
        List<InFlight> late = new ArrayList<>();
        buffer.drainTo(late);
        late.addAll(lanes.drainWaiting());
        if (!late.isEmpty()) {
          acknowledger.release(late, Duration.ZERO);
          late.forEach(this::finish);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timedOut = true;
    }
    int abandoned = 0;
    if (timedOut) {
      List<InFlight> stillRunning = leaseKeeper.unfinished();
      abandoned = stillRunning.size();
      acknowledger.release(stillRunning, Duration.ZERO);
      log.warn(
          "drain of {} timed out after {}; released the leases of {} message(s) still running",
          queue.name(),
          options.drainTimeout(),
          abandoned);
    }
    stopSignal.signal();
    writer.nudge();
    joinQuietly(writerThread);
    joinQuietly(keeperThread);
    report = new DrainReport(completed.get(), notStarted.size(), abandoned, timedOut);
    log.info("stopped consuming {}: {}", queue.name(), report);
    finished.countDown();
  }

  private void joinQuietly(Thread thread) {
    if (thread == null) {
      return;
    }
    try {
      if (!thread.join(Duration.ofSeconds(5))) {
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
