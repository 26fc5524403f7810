package dev.edw.processors.exec;

import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mode=persistent}: {@code workers} long-lived co-processes speaking JSON lines (see {@link
 * WorkerProcess}). Each message goes to the live worker with the fewest messages waiting. A message
 * that runs past the timeout kills its worker; a worker that dies fails its waiting messages and is
 * restarted after a back-off that doubles while it keeps dying, up to {@code maxRestartDelay}.
 */
final class PersistentProcessor implements Processor {
  private static final Logger log = LoggerFactory.getLogger(PersistentProcessor.class);

  /** A worker that lived this long before dying restarts after the first back-off again. */
  static final Duration HEALTHY_UPTIME = Duration.ofSeconds(10);

  /** How long {@link #close()} waits for workers to exit once their stdin is closed. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final ExecOptions options;
  private final AtomicReferenceArray<WorkerProcess> workers;
  private final long[] startedAt;
  private final Duration[] backoff;
  private final Object changed = new Object();
  private final java.util.concurrent.CountDownLatch closing =
      new java.util.concurrent.CountDownLatch(1);
  private volatile boolean closed;

  private PersistentProcessor(ExecOptions options) {
    this.options = options;
    this.workers = new AtomicReferenceArray<>(options.workers());
    this.startedAt = new long[options.workers()];
    this.backoff = new Duration[options.workers()];
  }

  /** Starts every worker; a command that cannot be started is an error here, at start-up. */
  static PersistentProcessor start(ExecOptions options) {
    PersistentProcessor p = new PersistentProcessor(options);
    for (int i = 0; i < options.workers(); i++) {
      try {
        p.launch(i);
      } catch (IOException e) {
        p.close();
        throw new IllegalArgumentException(
            "processor 'exec' cannot start '"
                + Commands.describe(options.command())
                + "': "
                + e.getMessage());
      }
      p.backoff[i] = options.restartDelay();
    }
    p.checkStarted();
    log.info(
        "exec persistent: {} worker(s) of {} (timeout {})",
        options.workers(),
        Commands.describe(options.command()),
        options.timeout());
    return p;
  }

  @Override
  public ProcessResult process(ReceivedMessage message) throws Exception {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    WorkerProcess worker = pick(deadline);
    CompletableFuture<ProcessResult> answer = worker.submit(message);
    long left = deadline - System.nanoTime();
    try {
      return answer.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (TimeoutException e) {
      worker.forget(message.id());
      log.warn(
          "exec worker {} (pid {}) ran past the timeout of {} on message {}: killing it",
          worker.index(),
          worker.pid(),
          options.timeout(),
          message.id());
      worker.kill();
      throw new TimeoutException(
          "the worker (pid "
              + worker.pid()
              + ") was killed after the timeout of "
              + options.timeout());
    } catch (InterruptedException e) {
      worker.forget(message.id());
      throw e;
    }
  }

  /**
   * Fails start-up when a worker exits within the start-up grace (a script that is missing, a
   * syntax error): that is a command that cannot be started, not a failure per message.
   */
  private void checkStarted() {
    long deadline = System.nanoTime() + options.startupGrace().toNanos();
    for (int i = 0; i < workers.length(); i++) {
      WorkerProcess w = workers.get(i);
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (w.exitedWithin(Math.max(0, left))) {
        close();
        String tail = w.stderrTail();
        throw new IllegalArgumentException(
            "processor 'exec' cannot start '"
                + Commands.describe(options.command())
                + "': the worker exited at once with code "
                + w.exitCode()
                + (tail.isEmpty() ? "" : "; stderr: " + tail));
      }
    }
  }

  /** The live worker with the fewest messages waiting; waits for a restart until the deadline. */
  private WorkerProcess pick(long deadline) throws InterruptedException, TimeoutException {
    while (true) {
      if (closed) {
        throw new IllegalStateException("the exec processor is closed");
      }
      WorkerProcess best = null;
      for (int i = 0; i < workers.length(); i++) {
        WorkerProcess w = workers.get(i);
        if (w != null && w.alive() && (best == null || w.waiting() < best.waiting())) {
          best = w;
        }
      }
      if (best != null) {
        return best;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException(
            "no exec worker was running within the timeout of " + options.timeout());
      }
      synchronized (changed) {
        changed.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
      }
    }
  }

  private void launch(int i) throws IOException {
    WorkerProcess w = WorkerProcess.start(options.command(), i, this::exited);
    synchronized (this) {
      startedAt[i] = System.nanoTime();
    }
    workers.set(i, w);
    if (closed) {
      w.closeInput();
      w.awaitExit(CLOSE_GRACE.toMillis());
    }
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  private void exited(WorkerProcess w) {
    if (closed) {
      return;
    }
    int i = w.index();
    Duration delay;
    synchronized (this) {
      boolean healthy = System.nanoTime() - startedAt[i] > HEALTHY_UPTIME.toNanos();
      delay = healthy ? options.restartDelay() : backoff[i];
      backoff[i] = min(delay.multipliedBy(2), options.maxRestartDelay());
    }
    log.warn(
        "exec worker {} (pid {}) exited with code {}; restarting in {}{}",
        i,
        w.pid(),
        w.exitCode(),
        delay,
        w.stderrTail().isEmpty() ? "" : "; stderr: " + w.stderrTail());
    Thread.ofVirtual().name("edw-exec-restart-" + i).start(() -> restart(i, delay));
  }

  private void restart(int i, Duration delay) {
    Duration wait = delay;
    while (!closed) {
      try {
        if (closing.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
          return;
        }
        launch(i);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable t) {
        log.warn("restarting exec worker {} failed, retrying: {}", i, t.toString());
        wait = min(wait.multipliedBy(2), options.maxRestartDelay());
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Closes every worker's stdin, waits up to {@link #CLOSE_GRACE} for them, then kills them. */
  @Override
  public void close() {
    closed = true;
    closing.countDown();
    synchronized (changed) {
      changed.notifyAll();
    }
    for (int i = 0; i < workers.length(); i++) {
      WorkerProcess w = workers.get(i);
      if (w != null) {
        w.closeInput();
      }
    }
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    for (int i = 0; i < workers.length(); i++) {
      WorkerProcess w = workers.get(i);
      if (w != null) {
        w.awaitExit(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    }
  }
}
