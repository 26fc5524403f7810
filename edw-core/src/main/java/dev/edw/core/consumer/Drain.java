package dev.edw.core.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graceful drain, within its timeout: messages received but not started are given back at once;
 * running ones may finish and be written until most of the timeout has passed; whatever is still
 * running then is given back (visible again at once, and no longer renewed) and its worker
 * interrupted; finally the loops are stopped and joined before the timeout ends.
 */
final class Drain {
  private static final Logger log = LoggerFactory.getLogger(Drain.class);

  /** Of the drain timeout, the part kept for giving back and joining: a fifth, at most this. */
  static final Duration MAX_RESERVE = Duration.ofSeconds(2);

  private final String queue;
  private final Capacity capacity;
  private final WorkerPool pool;
  private final GroupLanes lanes;
  private final Finisher finisher;
  private final LeaseKeeper leaseKeeper;
  private final ResultWriter writer;
  private final WorkerListener listener;

  Drain(
      String queue,
      Capacity capacity,
      WorkerPool pool,
      GroupLanes lanes,
      Finisher finisher,
      LeaseKeeper leaseKeeper,
      ResultWriter writer,
      WorkerListener listener) {
    this.queue = queue;
    this.capacity = capacity;
    this.pool = pool;
    this.lanes = lanes;
    this.finisher = finisher;
    this.leaseKeeper = leaseKeeper;
    this.writer = writer;
    this.listener = listener;
  }

  /**
   * Until when running messages may finish, for a drain of {@code timeout} started at {@code
   * startNanos}.
   */
  static long finishDeadline(long startNanos, Duration timeout) {
    long reserve = Math.min(timeout.toNanos() / 5, MAX_RESERVE.toNanos());
    return startNanos + timeout.toNanos() - reserve;
  }

  /**
   * Runs the drain.
   *
   * @param startNanos when the drain was asked for ({@link System#nanoTime()})
   * @param stopLoops stops the writer, lease keeper and supervisor loops
   * @param loops their threads, joined until the timeout ends
   */
  QueueWorker.DrainReport run(
      long startNanos, Duration timeout, Runnable stopLoops, List<Thread> loops) {
    long finishBy = finishDeadline(startNanos, timeout);
    long endBy = startNanos + timeout.toNanos();
    pool.stop();
    int released = giveBackNotStarted();
    if (released > 0) {
      listener.released(released);
      log.info("released {} message(s) of {} not yet started", released, queue);
    }
    boolean timedOut = false;
    try {
      while (capacity.held() > 0) {
        writer.nudge();
        if (System.nanoTime() >= finishBy) {
          timedOut = true;
          break;
        }
        capacity.awaitDrained(Math.min(finishBy, System.nanoTime() + 50_000_000L));
        released += giveBackNotStarted();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timedOut = true;
    }
    int abandoned = 0;
    if (timedOut) {
      abandoned = finisher.giveBack(leaseKeeper.unfinished());
      pool.interruptBusy();
      log.warn(
          "drain of {} timed out after {}; gave back the leases of {} message(s) still running",
          queue,
          timeout,
          abandoned);
    }
    stopLoops.run();
    join(loops, endBy);
    return new QueueWorker.DrainReport(capacity.completed(), released, abandoned, timedOut);
  }

  private int giveBackNotStarted() {
    List<InFlight> notStarted = new ArrayList<>(pool.drainQueued());
    notStarted.addAll(lanes.drainWaiting());
    return notStarted.isEmpty() ? 0 : finisher.giveBack(notStarted);
  }

  private static void join(List<Thread> loops, long endByNanos) {
    for (Thread t : loops) {
      if (t == null) {
        continue;
      }
      try {
        long left = endByNanos - System.nanoTime();
        if (left <= 0 || !t.join(Duration.ofNanos(left))) {
          t.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
