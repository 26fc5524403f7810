package dev.edw.core.consumer;

import dev.edw.api.queue.ReceiptResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes messages, each at most once ({@link InFlight#claimFinish()}): completes those whose
 * result is durable (acknowledge, then start the next message of their group), fails an attempt
 * (retry after a back-off, or move to the poison queue after the last one), or gives a message back
 * without counting an attempt (an outage, a drain). Every path gives the message's permit back and
 * stops renewing its lease, even when the acknowledgement throws.
 */
final class Finisher implements ResultWriter.Sink {
  private static final Logger log = LoggerFactory.getLogger(Finisher.class);

  private final String queue;
  private final ConsumerOptions options;
  private final Clock clock;
  private final WorkerListener listener;
  private final Acknowledger acknowledger;
  private final PoisonMover poisonMover;
  private final LeaseKeeper leaseKeeper;
  private final Capacity capacity;
  private final GroupLanes lanes;
  private final OutageCredits credits = new OutageCredits();
  private final RateLimitedLog failures;
  private volatile Consumer<InFlight> startNext = f -> {};

  Finisher(
      String queue,
      ConsumerOptions options,
      Clock clock,
      WorkerListener listener,
      Acknowledger acknowledger,
      PoisonMover poisonMover,
      LeaseKeeper leaseKeeper,
      Capacity capacity,
      GroupLanes lanes) {
    this.queue = queue;
    this.options = options;
    this.clock = clock;
    this.listener = listener;
    this.acknowledger = acknowledger;
    this.poisonMover = poisonMover;
    this.leaseKeeper = leaseKeeper;
    this.capacity = capacity;
    this.lanes = lanes;
    this.failures = new RateLimitedLog(log, Duration.ofSeconds(1), clock);
  }

  /** Where the next message of a group goes once the previous one's result is durable. */
  void onNextInGroup(Consumer<InFlight> start) {
    startNext = start;
  }

  @Override
  public void written(List<ResultWriter.Done> batch) {
    completed(batch);
  }

  @Override
  public void writtenAndDeleted(
      List<ResultWriter.Done> batch, Map<InFlight, ReceiptResult> deletes) {
    completed(batch, deletes);
  }

  @Override
  public void writeFailed(ResultWriter.Done done, Throwable cause, boolean countsAsAttempt) {
    if (countsAsAttempt) {
      failed(done.inFlight(), cause);
    } else {
      outage(done.inFlight(), "result table", cause);
    }
  }

  /** The results of {@code batch} are durable: acknowledge the messages and finish them. */
  void completed(List<ResultWriter.Done> batch) {
    completed(batch, null);
  }

  /**
   * Finishes {@code batch}, whose results are durable; {@code deletes}, if not null, holds the
   * deletes already tried with the write, and only what they did not settle is deleted now.
   */
  private void completed(List<ResultWriter.Done> batch, Map<InFlight, ReceiptResult> deletes) {
    List<ResultWriter.Done> mine = new ArrayList<>(batch.size());
    for (ResultWriter.Done d : batch) {
      if (d.inFlight().claimFinish()) {
        mine.add(d);
      }
    }
    if (mine.isEmpty()) {
      return;
    }
    List<InFlight> messages = new ArrayList<>(mine.size());
    for (ResultWriter.Done d : mine) {
      messages.add(d.inFlight());
    }
    try {
      if (deletes == null) {
        acknowledger.delete(messages);
      } else {
        acknowledger.settleDeleted(messages, deletes);
      }
    } catch (Throwable t) {
      // the rows are written; the leases expire and the messages come back, and rewriting their
      // rows is harmless
      log.warn("acknowledging {} message(s) of {} failed: {}", mine.size(), queue, t.toString());
      listener.loopError("acknowledge", t);
    }
    credits.forget(messages);
    // one permit hand-back for the batch: one wake-up of the poller, not one per message
    release(messages, true);
    Instant now = clock.instant();
    for (ResultWriter.Done d : mine) {
      InFlight f = d.inFlight();
      Instant source =
          d.result().sourceTime() != null ? d.result().sourceTime() : f.message.enqueuedAt();
      listener.completed(f.message, source == null ? Duration.ZERO : since(source, now));
      InFlight next = lanes.next(f);
      if (next != null) {
        startNext.accept(next);
      }
    }
  }

  /** {@code now - source}, as {@code Duration.between} gives, without its unit dispatch. */
  static Duration since(Instant source, Instant now) {
    return Duration.ofSeconds(
        now.getEpochSecond() - source.getEpochSecond(), now.getNano() - source.getNano());
  }

  /** An attempt failed because of the message (or its processor): retry it, or poison it. */
  void failed(InFlight f, Throwable cause) {
    if (!f.claimFinish()) {
      return;
    }
    boolean poisoned = false;
    try (LogContext context = LogContext.of(queue, f)) {
      giveBackGroup(f);
      if (f.leaseLost()) {
        return;
      }
      int attempts = credits.countedAttempts(f.message.id(), f.message.dequeueCount());
      // a failure that says the message is bad sends it to poison at once: no retry can help
      boolean bad = BadMessage.says(cause);
      if (bad || attempts >= options.maxDequeue()) {
        listener.failed(f.message, cause, null);
        failures.warn(
            "message {} of {} {} (attempt {} of {}), moving it to the poison queue: {}",
            f.message.id(),
            queue,
            bad ? "is bad input no retry can fix" : "failed its last attempt",
            attempts,
            options.maxDequeue(),
            cause.toString());
        try {
          poisonMover.move(f, cause);
          poisoned = true;
          credits.forget(f.message.id());
        } catch (Throwable t) {
          log.warn(
              "moving {} to the poison queue failed; it will be retried: {}", f.message.id(), t);
          listener.loopError("poison", t);
          acknowledger.release(List.of(f), options.retryDelay(attempts));
        }
      } else {
        Duration delay = options.retryDelay(attempts);
        failures.info(
            "message {} of {} failed (attempt {} of {}), retry in {}: {}",
            f.message.id(),
            queue,
            attempts,
            options.maxDequeue(),
            ConsumerOptions.flag(delay),
            cause.toString());
        listener.failed(f.message, cause, delay);
        acknowledger.release(List.of(f), delay);
      }
    } finally {
      release(List.of(f), poisoned);
    }
  }

  /**
   * A backend was unreachable for this message (its table, its processor's store): give it back
   * after a back-off without counting the attempt.
   */
  void outage(InFlight f, String source, Throwable cause) {
    if (!f.claimFinish()) {
      return;
    }
    try (LogContext context = LogContext.of(queue, f)) {
      credits.credit(f.message.id());
      giveBackGroup(f);
      Duration delay = options.retryDelay(1);
      failures.warn(
          "message {} of {} given back after an outage of its {} (not counted as an attempt),"
              + " retry in {}: {}",
          f.message.id(),
          queue,
          source,
          ConsumerOptions.flag(delay),
          cause.toString());
      acknowledger.release(List.of(f), delay);
    } finally {
      release(List.of(f), false);
    }
  }

  /** Gives messages back at once without counting an attempt (a drain). */
  int giveBack(List<InFlight> messages) {
    List<InFlight> mine = new ArrayList<>(messages.size());
    for (InFlight f : messages) {
      if (f.claimFinish()) {
        mine.add(f);
      }
    }
    try {
      acknowledger.release(mine, Duration.ZERO);
    } finally {
      release(mine, false);
    }
    return mine.size();
  }

  private void giveBackGroup(InFlight f) {
    List<InFlight> behind = lanes.abandon(f);
    if (!behind.isEmpty()) {
      giveBack(behind);
    }
  }

  private void release(List<InFlight> messages, boolean completed) {
    if (messages.isEmpty()) {
      return;
    }
    for (InFlight f : messages) {
      leaseKeeper.untrack(f);
    }
    listener.inFlight(capacity.release(messages.size(), completed));
  }
}
