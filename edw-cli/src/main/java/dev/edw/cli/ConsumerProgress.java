package dev.edw.cli;

import dev.edw.api.queue.QueueDepth;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of {@code consume} and {@code job}: on a terminal, a line redrawn every second; in
 * the logs, a summary every {@code --progress-interval}. Both say the rate, completed, failed, in
 * flight and backlog. Reads only the run's meters, the worker's in-flight count and the depth
 * gauge, so the consumer itself knows nothing of it.
 */
final class ConsumerProgress implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsumerProgress.class);
  private static final Duration TICK = Duration.ofSeconds(1);

  private final MeterRegistry registry;
  private final String queue;
  private final IntSupplier inFlight;
  private final Supplier<QueueDepth> backlog;
  private final PrintStream terminal;
  private final long logEveryTicks;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;
  private double lastCompleted;
  private long lastNanos = System.nanoTime();
  private double lastLoggedCompleted;
  private long lastLoggedNanos = lastNanos;

  /**
   * @param logInterval how often a summary is logged; zero for never
   * @param terminal where to draw the line, or null when output is not a terminal
   */
  ConsumerProgress(
      MeterRegistry registry,
      String queue,
      IntSupplier inFlight,
      Supplier<QueueDepth> backlog,
      Duration logInterval,
      PrintStream terminal) {
    this.registry = registry;
    this.queue = queue;
    this.inFlight = inFlight;
    this.backlog = backlog;
    this.terminal = terminal;
    this.logEveryTicks = logInterval.isZero() ? 0 : Math.max(1, logInterval.toSeconds());
    this.thread = Thread.ofVirtual().name("edw-progress").start(this::loop);
  }

  private void loop() {
    long tick = 0;
    while (closed.getCount() > 0) {
      try {
        tick++;
        if (terminal != null) {
          draw();
        }
        if (logEveryTicks > 0 && tick % logEveryTicks == 0) {
          summary();
        }
      } catch (Throwable t) {
        log.debug("progress of {}: {}", queue, t.toString());
      }
      try {
        closed.await(TICK.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private double count(String name) {
    var counter = registry.find(name).tag("queue", queue).counter();
    return counter == null ? 0 : counter.count();
  }

  /** One line: completed, failed, poisoned, in flight, backlog and the rate since {@code since}. */
  String line(double rate) {
    QueueDepth depth = backlog.get();
    return String.format(
        "%s: %,.0f completed, %,.0f failed, %,.0f poisoned, %,d in flight, backlog %s, %,.0f msgs/s",
        queue,
        count("edw.messages.processed"),
        count("edw.messages.failed"),
        count("edw.messages.poisoned"),
        inFlight.getAsInt(),
        depth == null ? "?" : String.format("%,d", depth.visible() + depth.delayed()),
        rate);
  }

  private void draw() {
    long now = System.nanoTime();
    double completed = count("edw.messages.processed");
    double rate = (completed - lastCompleted) / Math.max((now - lastNanos) / 1e9, 1e-9);
    lastCompleted = completed;
    lastNanos = now;
    terminal.print("\r\033[K" + line(rate));
    terminal.flush();
  }

  private void summary() {
    long now = System.nanoTime();
    double completed = count("edw.messages.processed");
    double rate = (completed - lastLoggedCompleted) / Math.max((now - lastLoggedNanos) / 1e9, 1e-9);
    lastLoggedCompleted = completed;
    lastLoggedNanos = now;
    log.info("progress {}", line(rate));
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      thread.join(TICK.toMillis() * 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (terminal != null) {
      terminal.print("\r\033[K");
      terminal.flush();
    }
  }
}
