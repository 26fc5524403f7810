package dev.edw.core.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing workers: virtual threads that take messages from a buffer and run them through a
 * {@link Handler}. Whatever a handler throws fails that message ({@link Failure}), never the
 * worker. {@link #resize} changes the number of workers at runtime; {@link #check} fails attempts
 * that ran past the processing timeout, interrupts their workers, and replaces a worker that does
 * not stop within {@link #STUCK_GRACE}. Thread-safe.
 */
final class WorkerPool {
  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
  static final Duration POLL = Duration.ofMillis(50);
  static final Duration STUCK_GRACE = Duration.ofSeconds(5);

  /** Runs one message. */
  @FunctionalInterface
  interface Handler {
    void handle(InFlight f) throws Exception;
  }

  /** A message whose handler threw, or whose attempt timed out. */
  @FunctionalInterface
  interface Failure {
    void failed(InFlight f, Throwable cause);
  }

  private final class Worker implements Runnable {
    volatile Thread thread;
    volatile InFlight current;
    volatile long startedAt;
    volatile long interruptedAt = -1;
    volatile boolean abandoned;

    @Override
    public void run() {
      try {
        while (!stopped && !abandoned && !retire(this)) {
          InFlight f;
          try {
            f = buffer.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            continue; // a late timeout interrupt; the loop's conditions decide
          }
          if (f != null) {
            runOne(f);
          }
        }
      } finally {
        boolean replace = !retiredOrStopped(this);
        workers.remove(this);
        if (replace) {
          ensure();
        }
      }
    }

    private void runOne(InFlight f) {
      startedAt = clock.millis();
      interruptedAt = -1;
      current = f;
      try {
        handler.handle(f);
      } catch (Throwable t) {
        if (interruptedAt < 0) { // a timed-out attempt has failed already
          failSafely(f, t);
        }
      } finally {
        current = null;
        Thread.interrupted(); // an interrupt meant for this attempt must not hit the next one
        if (unfinished.decrementAndGet() == 0) {
          onIdle.run();
        }
      }
    }
  }

  private final String queue;
  private final Duration timeout;
  private final Clock clock;
  private final Handler handler;
  private final Failure failure;
  private final Runnable onIdle;
  private final LinkedBlockingQueue<InFlight> buffer = new LinkedBlockingQueue<>();
  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  private final Set<Worker> retired = ConcurrentHashMap.newKeySet();
  // Messages submitted and not yet finished, waiting or running. Counted from submit, not from the
  // moment a worker takes one: between a worker's take and its count another worker could finish
  // the last counted message and call the pool idle while one more was about to run.
  private final AtomicInteger unfinished = new AtomicInteger();
  private volatile int target;
  private volatile boolean stopped;

  /**
   * @param timeout longest one attempt may run
   * @param onIdle called when a message finished and no other is running or waiting, e.g. to nudge
   *     the result writer (one counter per message instead of a look at every worker)
   */
  WorkerPool(
      String queue,
      int size,
      Duration timeout,
      Clock clock,
      Handler handler,
      Failure failure,
      Runnable onIdle) {
    this.queue = queue;
    this.target = size;
    this.timeout = timeout;
    this.clock = clock;
    this.handler = handler;
    this.failure = failure;
    this.onIdle = onIdle;
  }

  /** Starts workers up to the size. */
  void start() {
    ensure();
  }

  void submit(InFlight f) {
    unfinished.incrementAndGet();
    buffer.add(f);
  }

  /** Messages waiting for a worker, removed from the buffer (for a drain). */
  List<InFlight> drainQueued() {
    List<InFlight> queued = new ArrayList<>();
    buffer.drainTo(queued);
    unfinished.addAndGet(-queued.size());
    return queued;
  }

  int queued() {
    return buffer.size();
  }

  /** Workers alive and not given up on as stuck. */
  int live() {
    return workers.size();
  }

  /** Messages being processed now. */
  int busy() {
    int busy = 0;
    for (Worker w : workers) {
      if (w.current != null) {
        busy++;
      }
    }
    return busy;
  }

  int size() {
    return target;
  }

  void resize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("'concurrency' must be at least 1.");
    }
    target = size;
    ensure();
  }

  /** Stops taking messages; workers end after their current message. */
  void stop() {
    stopped = true;
  }

  /** Interrupts every worker still processing (a drain that timed out). */
  void interruptBusy() {
    for (Worker w : workers) {
      Thread t = w.thread;
      if (w.current != null && t != null) {
        t.interrupt();
      }
    }
  }

  /**
   * Fails attempts that ran past the timeout and interrupts their workers; replaces a worker still
   * stuck {@link #STUCK_GRACE} after its interrupt. Also restarts workers that died. Returns how
   * many attempts timed out now.
   */
  int check() {
    long now = clock.millis();
    int timedOut = 0;
    for (Worker w : workers) {
      InFlight f = w.current;
      if (f == null || now - w.startedAt < timeout.toMillis()) {
        continue;
      }
      if (w.interruptedAt < 0) {
        w.interruptedAt = now;
        timedOut++;
        failSafely(
            f,
            new ProcessingTimeoutException(
                "processing took longer than the processing timeout of "
                    + ConsumerOptions.flag(timeout)
                    + " (--processing-timeout)"));
        Thread t = w.thread;
        if (t != null) {
          t.interrupt();
        }
      } else if (now - w.interruptedAt >= STUCK_GRACE.toMillis() && !w.abandoned) {
        w.abandoned = true;
        workers.remove(w);
        log.warn(
            "a worker of {} did not stop {} after its interrupt, on message {}: replacing it",
            queue,
            STUCK_GRACE,
            f.message.id());
      }
    }
    ensure();
    return timedOut;
  }

  private void failSafely(InFlight f, Throwable cause) {
    try {
      failure.failed(f, cause);
    } catch (Throwable t) {
      log.warn("failing message {} of {} failed: {}", f.message.id(), queue, String.valueOf(t));
    }
  }

  private synchronized void ensure() {
    while (!stopped && workers.size() < target) {
      Worker w = new Worker();
      workers.add(w);
      w.thread = Thread.ofVirtual().name("edw-work-" + queue).start(w);
    }
  }

  private synchronized boolean retire(Worker w) {
    if (workers.size() > target && workers.remove(w)) {
      retired.add(w);
      return true;
    }
    return false;
  }

  private boolean retiredOrStopped(Worker w) {
    return stopped || w.abandoned || retired.remove(w);
  }
}
