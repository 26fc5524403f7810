package dev.edw.core.metrics;

import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.WorkQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code edw_queue_depth{queue, state="visible"|"in_flight"|"delayed"}}: the queue's depth, asked
 * of the backend every {@code interval} on a thread of its own (a scrape never waits on the
 * backend), as a count at most {@code interval} old ({@link WorkQueue#depth(Duration)}: the
 * embedded store shares one count among the replicas of a file). NaN until the first answer. A
 * failed look is logged, counted as a loop error and tried again at the next interval. Thread-safe.
 */
public final class QueueDepthGauge implements AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(QueueDepthGauge.class);

  private final WorkQueue queue;
  private final Duration interval;
  private final Consumer<Throwable> onError;
  private final AtomicReference<QueueDepth> latest = new AtomicReference<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;

  /**
   * @param onError told of each failed look, e.g. {@code e -> metrics.loopError("depth", e)}
   */
  public QueueDepthGauge(
      MeterRegistry registry, WorkQueue queue, Duration interval, Consumer<Throwable> onError) {
    this.queue = Objects.requireNonNull(queue, "'queue' cannot be null.");
    this.interval = Objects.requireNonNull(interval, "'interval' cannot be null.");
    this.onError = Objects.requireNonNull(onError, "'onError' cannot be null.");
    gauge(registry, "visible", d -> d.visible());
    gauge(registry, "in_flight", d -> d.inFlight());
    gauge(registry, "delayed", d -> d.delayed());
    thread = Thread.ofVirtual().name("edw-depth-" + queue.name()).start(this::loop);
  }

  private void gauge(
      MeterRegistry registry, String state, java.util.function.ToLongFunction<QueueDepth> part) {
    Gauge.builder(
            "edw.queue.depth",
            latest,
            ref -> ref.get() == null ? Double.NaN : part.applyAsLong(ref.get()))
        .description("messages in the queue by state, as the backend last said")
        .tag("queue", queue.name())
        .tag("state", state)
        .register(registry);
  }

  /** The last depth the backend gave, or null before the first answer. */
  public QueueDepth latest() {
    return latest.get();
  }

  private void loop() {
    boolean failing = false;
    while (closed.getCount() > 0) {
      try {
        latest.set(queue.depth(interval));
        failing = false;
      } catch (Throwable t) {
        if (!failing) {
          log.warn("cannot read the depth of {}: {}", queue.uri(), t.toString());
        }
        failing = true;
        onError.accept(t);
      }
      try {
        closed.await(interval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      thread.join(interval.toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
