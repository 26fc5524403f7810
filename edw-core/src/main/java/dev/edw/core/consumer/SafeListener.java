package dev.edw.core.consumer;

import dev.edw.api.queue.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolates a {@link WorkerListener}: an exception a listener throws is logged (rate-limited) and
 * ignored, so a broken metrics sink or test hook cannot break a loop or fail a message.
 */
final class SafeListener implements WorkerListener {
  private static final Logger log = LoggerFactory.getLogger(SafeListener.class);

  private final WorkerListener delegate;
  private final RateLimitedLog errors;

  SafeListener(WorkerListener delegate, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "'delegate' cannot be null.");
    this.errors = new RateLimitedLog(log, LoopRunner.LOG_EVERY, clock);
  }

  private void safely(String event, Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      errors.warn("a worker listener failed on {}, ignored: {}", event, String.valueOf(t));
    }
  }

  @Override
  public void received(int count) {
    safely("received", () -> delegate.received(count));
  }

  @Override
  public void polled(int count) {
    safely("polled", () -> delegate.polled(count));
  }

  @Override
  public void processed(ReceivedMessage message, Duration processing) {
    safely("processed", () -> delegate.processed(message, processing));
  }

  @Override
  public void completed(ReceivedMessage message, Duration endToEnd) {
    safely("completed", () -> delegate.completed(message, endToEnd));
  }

  @Override
  public void failed(ReceivedMessage message, Throwable cause, Duration retryIn) {
    safely("failed", () -> delegate.failed(message, cause, retryIn));
  }

  @Override
  public void poisoned(ReceivedMessage message, String reason) {
    safely("poisoned", () -> delegate.poisoned(message, reason));
  }

  @Override
  public void leasesExtended(int count) {
    safely("leasesExtended", () -> delegate.leasesExtended(count));
  }

  @Override
  public void leaseLost(ReceivedMessage message) {
    safely("leaseLost", () -> delegate.leaseLost(message));
  }

  @Override
  public void released(int count) {
    safely("released", () -> delegate.released(count));
  }

  @Override
  public void loopError(String loop, Throwable error) {
    safely("loopError", () -> delegate.loopError(loop, error));
  }

  @Override
  public void outage(String source, Throwable error) {
    safely("outage", () -> delegate.outage(source, error));
  }

  @Override
  public void inFlight(int count) {
    safely("inFlight", () -> delegate.inFlight(count));
  }
}
