package dev.edw.core.consumer;

import dev.edw.api.EdwException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a message, as a {@link WorkerPool.Handler}: calls the processor with {@code
 * queue} and {@code messageId} in the MDC and hands the result to the writer. An outage the
 * processor meets (a retryable {@link EdwException}, e.g. from its blob store) is not the message's
 * fault: the call is retried in process with back-off, the lease kept, for up to half of the
 * processing timeout; after that the message is given back without counting the attempt. Any other
 * failure fails the attempt.
 */
final class Attempts implements WorkerPool.Handler {
  private static final Logger log = LoggerFactory.getLogger(Attempts.class);
  static final Duration OUTAGE_BACKOFF_FIRST = Duration.ofMillis(100);
  static final Duration OUTAGE_BACKOFF_MAX = Duration.ofSeconds(5);

  private final String queue;
  private final Processor processor;
  private final Duration outageBudget;
  private final Clock clock;
  private final WorkerListener listener;
  private final ResultWriter writer;
  private final Finisher finisher;
  private final RateLimitedLog outages;

  Attempts(
      String queue,
      Processor processor,
      Duration processingTimeout,
      Clock clock,
      WorkerListener listener,
      ResultWriter writer,
      Finisher finisher) {
    this.queue = queue;
    this.processor = processor;
    this.outageBudget = processingTimeout.dividedBy(2);
    this.clock = clock;
    this.listener = listener;
    this.writer = writer;
    this.finisher = finisher;
    this.outages = new RateLimitedLog(log, LoopRunner.LOG_EVERY, clock);
  }

  @Override
  public void handle(InFlight f) {
    if (f.finished()) {
      return;
    }
    try (LogContext context = LogContext.of(queue, f)) {
      long start = System.nanoTime();
      ProcessResult result;
      try {
        result = processThroughOutages(f);
      } catch (Throwable t) {
        finisher.failed(f, t);
        return;
      }
      if (result == null || f.finished()) {
        return; // given back after an outage, or failed meanwhile (timed out)
      }
      listener.processed(f.message, Duration.ofNanos(System.nanoTime() - start));
      writer.submit(new ResultWriter.Done(f, result));
    }
  }

  /** The result, or null when an outage outlasted its budget and the message was given back. */
  private ProcessResult processThroughOutages(InFlight f) throws Exception {
    long startedAt = clock.millis();
    Backoff backoff = null; // made at the first outage: most messages meet none
    for (int attempt = 1; ; attempt++) {
      try {
        ProcessResult result = processor.process(f.message);
        return result == null ? ProcessResult.none() : result;
      } catch (EdwException e) {
        if (!e.retryable()) {
          throw e;
        }
        listener.outage("process", e);
        if (backoff == null) {
          backoff = new Backoff(OUTAGE_BACKOFF_FIRST, OUTAGE_BACKOFF_MAX);
        }
        Duration wait = backoff.next();
        if (clock.millis() - startedAt + wait.toMillis() > outageBudget.toMillis()) {
          finisher.outage(f, "processor's store", e);
          return null;
        }
        outages.warn(
            "message {} of {} met an outage ({} time(s)), retrying in {}: {}",
            f.message.id(),
            queue,
            attempt,
            ConsumerOptions.flag(wait),
            e.getMessage());
        Thread.sleep(wait);
      }
    }
  }
}
