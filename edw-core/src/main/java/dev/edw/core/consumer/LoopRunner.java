package dev.edw.core.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one of the worker's loops until it is told to stop. Each pass runs the loop's tick (which
 * does its own waiting for work); whatever the tick throws, short of an interrupt, is caught,
 * logged with the queue's name (at most one line per {@link #LOG_EVERY}), counted in {@code
 * edw_loop_errors_total{loop}}, and followed by a back-off that is waited out after the {@code
 * try}, so a tick that fails at once cannot spin. A successful tick resets the back-off and is
 * recorded, so readiness can tell a loop that stopped completing ticks.
 */
final class LoopRunner implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(LoopRunner.class);
  static final Duration ERROR_BACKOFF_FIRST = Duration.ofMillis(50);
  static final Duration ERROR_BACKOFF_MAX = Duration.ofSeconds(5);
  static final Duration LOG_EVERY = Duration.ofSeconds(10);

  /** Readiness fails when no tick completed for this many intervals... */
  static final int STALL_INTERVALS = 3;

  /** ...and at least this long, so a slow but healthy backend call is not a stall. */
  static final Duration MIN_STALL = Duration.ofSeconds(15);

  /** One pass of a loop. */
  @FunctionalInterface
  interface Tick {
    void run() throws Exception;
  }

  private final String loop;
  private final String queue;
  private final Duration interval;
  private final BooleanSupplier keepRunning;
  private final Tick tick;
  private final Waiter backoffWaiter;
  private final Clock clock;
  private final WorkerListener listener;
  private final Backoff backoff = new Backoff(ERROR_BACKOFF_FIRST, ERROR_BACKOFF_MAX);
  private final RateLimitedLog errors;
  private volatile long lastTickMillis;
  private volatile boolean running;

  /**
   * @param loop the loop's name, the {@code loop} tag of {@code edw_loop_errors_total}
   * @param interval how long one healthy tick takes at most, for {@link #stalled}
   * @param keepRunning checked before each tick
   * @param backoffWaiter waits out the back-off after an error
   */
  LoopRunner(
      String loop,
      String queue,
      Duration interval,
      BooleanSupplier keepRunning,
      Tick tick,
      Waiter backoffWaiter,
      Clock clock,
      WorkerListener listener) {
    this.loop = Objects.requireNonNull(loop, "'loop' cannot be null.");
    this.queue = queue;
    this.interval = interval;
    this.keepRunning = keepRunning;
    this.tick = tick;
    this.backoffWaiter = backoffWaiter;
    this.clock = clock;
    this.listener = listener;
    this.errors = new RateLimitedLog(log, LOG_EVERY, clock);
    this.lastTickMillis = clock.millis();
  }

  String loop() {
    return loop;
  }

  @Override
  public void run() {
    running = true;
    try {
      while (keepRunning.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
        if (!runOnce()) {
          return;
        }
      }
    } finally {
      running = false;
    }
  }

  /** One tick, and its back-off if it failed; returns false once interrupted. */
  boolean runOnce() {
    Duration wait = null;
    try {
      tick.run();
      backoff.reset();
      lastTickMillis = clock.millis();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Throwable t) {
      wait = backoff.next();
      errors.warn(
          "the {} loop of {} failed, retrying in {}: {}", loop, queue, wait, String.valueOf(t));
      listener.loopError(loop, t);
    }
    if (wait != null) {
      try {
        backoffWaiter.await(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** When the last tick completed, in the clock's milliseconds (start-up before the first). */
  long lastTickMillis() {
    return lastTickMillis;
  }

  /** Whether the loop has not completed a tick for {@link #STALL_INTERVALS} of its intervals. */
  boolean stalled(long nowMillis) {
    long bound = Math.max(interval.multipliedBy(STALL_INTERVALS).toMillis(), MIN_STALL.toMillis());
    return nowMillis - lastTickMillis > bound;
  }

  /** Whether {@link #run()} is executing (false before start and after the loop ended). */
  boolean running() {
    return running;
  }
}
