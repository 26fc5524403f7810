package dev.edw.core.consumer;

import dev.edw.api.EdwException;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes completed messages and gives back leases (for a retry after a delay, or at once on
 * drain), in batches the queue accepts, holding each message's lock while its receipt is used. A
 * lost lease is reported, not retried: the message is someone else's now and its result is
 * idempotent. A retryable failure is tried again a few times; after that the lease simply expires
 * and the message comes back, which at-least-once delivery allows. Whatever the queue throws is
 * logged and reported, never thrown on: callers finish each message whatever its acknowledgement
 * did.
 */
final class Acknowledger {
  private static final Logger log = LoggerFactory.getLogger(Acknowledger.class);
  static final int ATTEMPTS = 3;

  private final WorkQueue queue;
  private final Clock clock;
  private final WorkerListener listener;

  Acknowledger(WorkQueue queue, Clock clock, WorkerListener listener) {
    this.queue = queue;
    this.clock = clock;
    this.listener = listener;
  }

  void delete(List<InFlight> messages) {
    apply(messages, null);
  }

  /**
   * Settles messages whose deletes were already tried, in the transaction that wrote their rows
   * ({@link CombinedCommit}): a lost lease is reported as on {@link #delete}; a message without a
   * result, or whose delete failed otherwise, is deleted now.
   */
  void settleDeleted(List<InFlight> messages, Map<InFlight, ReceiptResult> results) {
    List<InFlight> again = new ArrayList<>();
    for (InFlight f : messages) {
      ReceiptResult r = results.get(f);
      if (r != null && r.succeeded()) {
        continue;
      }
      if (r != null && r.leaseLost()) {
        f.markLeaseLost();
        listener.leaseLost(f.message);
      } else {
        again.add(f);
      }
    }
    if (!again.isEmpty()) {
      delete(again);
    }
  }

  /** Makes the messages visible again after {@code delay} (zero: at once). */
  void release(List<InFlight> messages, Duration delay) {
    apply(messages, delay);
  }

  private void apply(List<InFlight> messages, Duration delay) {
    int batch = queue.limits().maxReceiveBatch();
    for (int from = 0; from < messages.size(); from += batch) {
      List<InFlight> chunk = messages.subList(from, Math.min(messages.size(), from + batch));
      applyChunk(chunk, delay);
    }
  }

  private void applyChunk(List<InFlight> chunk, Duration delay) {
    List<InFlight> pending = new ArrayList<>();
    for (InFlight f : chunk) {
      if (!f.leaseLost()) {
        pending.add(f);
      }
    }
    for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
      // one global lock order (InFlight.LOCK_ORDER), so two calls holding overlapping messages,
      // such as a drain's release and the writer's delete, cannot deadlock
      List<InFlight> lockOrder = new ArrayList<>(pending);
      lockOrder.sort(InFlight.LOCK_ORDER);
      lockOrder.forEach(f -> f.lock.lock());
      List<ReceiptResult> results;
      try {
        List<Receipt> receipts = pending.stream().map(InFlight::receipt).toList();
        results =
            BatchResults.align(
                receipts,
                delay == null ? queue.delete(receipts) : queue.changeVisibility(receipts, delay));
      } catch (RuntimeException e) {
        // an unmapped exception (a backend's bug) counts as a failure that no retry fixes; it must
        // not escape, or the caller would lose track of the other messages it is finishing
        boolean retryable = e instanceof EdwException edw && edw.retryable();
        if (!retryable || attempt == ATTEMPTS) {
          log.warn(
              "{} of {} message(s) on {} failed: {}",
              what(delay),
              pending.size(),
              queue.uri(),
              e instanceof EdwException ? e.getMessage() : e.toString());
          listener.loopError("acknowledge", e);
          return;
        }
        continue;
      } finally {
        lockOrder.forEach(f -> f.lock.unlock());
      }
      pending = retryable(pending, results, delay, attempt);
    }
  }

  private List<InFlight> retryable(
      List<InFlight> pending, List<ReceiptResult> results, Duration delay, int attempt) {
    List<InFlight> again = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      InFlight f = pending.get(i);
      ReceiptResult r = results.get(i);
      if (r == null) {
        // the backend gave no answer for this one: its outcome is unknown, so try it again
        if (attempt < ATTEMPTS) {
          again.add(f);
        } else {
          log.warn(
              "{} of message {} on {} got no answer from the backend",
              what(delay),
              f.message.id(),
              queue.uri());
        }
      } else if (r.succeeded()) {
        if (r.current() != null && delay != null) {
          f.renewed(r.current(), clock.millis() + delay.toMillis());
        }
      } else if (r.leaseLost()) {
        f.markLeaseLost();
        listener.leaseLost(f.message);
      } else if (r.failure().retryable() && attempt < ATTEMPTS) {
        again.add(f);
      } else {
        log.warn(
            "{} of message {} on {} failed: {}",
            what(delay),
            f.message.id(),
            queue.uri(),
            r.failure().getMessage());
        listener.loopError("acknowledge", r.failure());
      }
    }
    return again;
  }

  private static String what(Duration delay) {
    return delay == null ? "delete" : "release";
  }
}
