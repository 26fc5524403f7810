package dev.edw.core.consumer;

import dev.edw.api.queue.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives up on a queue that stays unreachable: passes every event on to a delegate, and once the
 * poller's receives have failed for longer than {@code bound} without one success in between, runs
 * {@code onOutage} once (a job stops and exits non-zero). A short outage that recovers within the
 * bound goes unnoticed, as the worker's loops retry on their own. {@link #unreachableFor()} also
 * counts outages the result writer and the processors report, for readiness. Thread-safe.
 */
public final class OutageWatch implements WorkerListener {
  private static final String POLL_LOOP = "poll";

  private final WorkerListener delegate;
  private final Duration bound;
  private final Clock clock;
  private final Runnable onOutage;
  private final AtomicLong failingSince = new AtomicLong(-1);
  private final AtomicBoolean tripped = new AtomicBoolean();
  private final Map<String, Long> outageSince = new ConcurrentHashMap<>();
  private volatile Throwable lastError;

  public OutageWatch(WorkerListener delegate, Duration bound, Clock clock, Runnable onOutage) {
    this.delegate = Objects.requireNonNull(delegate, "'delegate' cannot be null.");
    this.bound = Objects.requireNonNull(bound, "'bound' cannot be null.");
    this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
    this.onOutage = Objects.requireNonNull(onOutage, "'onOutage' cannot be null.");
  }

  /** Whether the bound was exceeded. */
  public boolean tripped() {
    return tripped.get();
  }

  /** The error that tripped the watch, or null. */
  public Throwable lastError() {
    return lastError;
  }

  /**
   * How long a backend has been unreachable without a success in between: receives failing, or
   * results or processor stores reporting outages; zero when all is well.
   */
  public Duration unreachableFor() {
    long now = clock.millis();
    long since = failingSince.get();
    for (long s : outageSince.values()) {
      since = since < 0 ? s : Math.min(since, s);
    }
    return since < 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, now - since));
  }

  @Override
  public void polled(int count) {
    failingSince.set(-1);
    delegate.polled(count);
  }

  @Override
  public void loopError(String loop, Throwable error) {
    delegate.loopError(loop, error);
    if (!POLL_LOOP.equals(loop)) {
      return;
    }
    long now = clock.millis();
    failingSince.compareAndSet(-1, now);
    if (now - failingSince.get() >= bound.toMillis() && tripped.compareAndSet(false, true)) {
      lastError = error;
      onOutage.run();
    }
  }

  @Override
  public void received(int count) {
    delegate.received(count);
  }

  @Override
  public void processed(ReceivedMessage message, Duration processing) {
    if (!outageSince.isEmpty()) { // a look, not a write, per message while nothing is down
      outageSince.remove("process");
    }
    delegate.processed(message, processing);
  }

  @Override
  public void completed(ReceivedMessage message, Duration endToEnd) {
    if (!outageSince.isEmpty()) {
      outageSince.remove("write");
    }
    delegate.completed(message, endToEnd);
  }

  @Override
  public void failed(ReceivedMessage message, Throwable cause, Duration retryIn) {
    delegate.failed(message, cause, retryIn);
  }

  @Override
  public void poisoned(ReceivedMessage message, String reason) {
    delegate.poisoned(message, reason);
  }

  @Override
  public void leasesExtended(int count) {
    delegate.leasesExtended(count);
  }

  @Override
  public void leaseLost(ReceivedMessage message) {
    delegate.leaseLost(message);
  }

  @Override
  public void released(int count) {
    delegate.released(count);
  }

  @Override
  public void outage(String source, Throwable error) {
    delegate.outage(source, error);
    outageSince.putIfAbsent(source, clock.millis());
  }

  @Override
  public void inFlight(int count) {
    delegate.inFlight(count);
  }
}
