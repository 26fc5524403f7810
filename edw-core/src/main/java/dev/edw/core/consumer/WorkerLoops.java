package dev.edw.core.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The background loops of one worker (result writer, lease keeper, supervisor) and its poller, each
 * in a {@link LoopRunner}. The background loops wait on one latch, so {@link #stop()} wakes and
 * ends all of them at once. Thread-safe.
 */
final class WorkerLoops {
  private final String queue;
  private final Clock clock;
  private final WorkerListener listener;
  private final List<LoopRunner> runners = new CopyOnWriteArrayList<>();
  private final List<LoopRunner> background = new ArrayList<>();
  private final CountDownLatch stop = new CountDownLatch(1);

  WorkerLoops(String queue, Clock clock, WorkerListener listener) {
    this.queue = queue;
    this.clock = clock;
    this.listener = listener;
  }

  /** Adds a loop that runs until {@link #stop()}; its tick waits for work with {@link #await}. */
  void add(String name, Duration interval, LoopRunner.Tick tick) {
    LoopRunner runner =
        new LoopRunner(name, queue, interval, () -> !stopped(), tick, this::await, clock, listener);
    runners.add(runner);
    background.add(runner);
  }

  /** The poller's loop: runs while {@code keepRunning}, backs off on {@code backoff}. */
  LoopRunner poller(
      Duration interval, BooleanSupplier keepRunning, LoopRunner.Tick tick, Waiter backoff) {
    LoopRunner runner =
        new LoopRunner("poll", queue, interval, keepRunning, tick, backoff, clock, listener);
    runners.add(runner);
    return runner;
  }

  /** Starts the background loops on virtual threads; returns the threads, for a drain's join. */
  List<Thread> startBackground() {
    List<Thread> threads = new ArrayList<>();
    for (LoopRunner r : background) {
      threads.add(Thread.ofVirtual().name("edw-" + r.loop() + "-" + queue).start(r));
    }
    return threads;
  }

  /** Waits up to {@code timeout}, or until the loops stop. */
  void await(Duration timeout) throws InterruptedException {
    stop.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  void stop() {
    stop.countDown();
  }

  boolean stopped() {
    return stop.getCount() == 0;
  }

  /** Every loop, for readiness. */
  List<LoopRunner> runners() {
    return runners;
  }
}
