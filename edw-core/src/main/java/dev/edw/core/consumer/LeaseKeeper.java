package dev.edw.core.consumer;

import dev.edw.api.EdwException;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of in-flight messages alive: each {@link #tick()} renews every lease with less
 * than half of the visibility timeout left, to a full timeout from now. A message being
 * acknowledged at that moment is skipped ({@code tryLock}); a lease found lost is marked so the
 * message is not acknowledged with a stale receipt.
 */
final class LeaseKeeper {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final WorkQueue queue;
  private final Duration visibility;
  private final Clock clock;
  private final WorkerListener listener;
  private final Set<InFlight> tracked = ConcurrentHashMap.newKeySet();

  LeaseKeeper(WorkQueue queue, Duration visibility, Clock clock, WorkerListener listener) {
    this.queue = queue;
    this.visibility = visibility;
    this.clock = clock;
    this.listener = listener;
  }

  /** How often the keeper should tick: a sixth of the timeout, so a renewal has time to land. */
  Duration interval() {
    return visibility.dividedBy(6);
  }

  void track(InFlight f) {
    tracked.add(f);
  }

  void untrack(InFlight f) {
    tracked.remove(f);
  }

  int size() {
    return tracked.size();
  }

  /** Messages still held and not finished, e.g. to release when a drain times out. */
  List<InFlight> unfinished() {
    return tracked.stream().filter(f -> !f.finished() && !f.leaseLost()).toList();
  }

  /** Renews the leases that are due; returns how many were renewed. */
  int tick() {
    long now = clock.millis();
    long threshold = now + visibility.toMillis() / 2;
    List<InFlight> due = new ArrayList<>();
    for (InFlight f : tracked) {
      if (!f.finished() && !f.leaseLost() && f.leaseExpiresAtMillis() <= threshold) {
        due.add(f);
      }
    }
    int renewed = 0;
    int batch = queue.limits().maxReceiveBatch();
    for (int from = 0; from < due.size(); from += batch) {
      renewed += renew(due.subList(from, Math.min(due.size(), from + batch)));
    }
    if (renewed > 0) {
      listener.leasesExtended(renewed);
    }
    return renewed;
  }

  private int renew(List<InFlight> chunk) {
    List<InFlight> locked = new ArrayList<>(chunk.size());
    for (InFlight f : chunk) {
      if (f.lock.tryLock()) {
        if (f.finished() || f.leaseLost()) {
          f.lock.unlock();
        } else {
          locked.add(f);
        }
      }
    }
    if (locked.isEmpty()) {
      return 0;
    }
    int renewed = 0;
    try {
      List<Receipt> receipts = locked.stream().map(InFlight::receipt).toList();
      long expires = clock.millis() + visibility.toMillis();
      List<ReceiptResult> results =
          BatchResults.align(receipts, queue.changeVisibility(receipts, visibility));
      EdwException firstFailure = null;
      int failed = 0;
      for (int i = 0; i < locked.size(); i++) {
        InFlight f = locked.get(i);
        ReceiptResult r = results.get(i);
        if (r == null) {
          // no answer for this lease: it is renewed on the next tick, well before it expires
          failed++;
        } else if (r.succeeded()) {
          f.renewed(r.current() != null ? r.current() : f.receipt(), expires);
          renewed++;
        } else if (r.leaseLost()) {
          f.markLeaseLost();
          listener.leaseLost(f.message);
        } else {
          failed++;
          firstFailure = firstFailure == null ? r.failure() : firstFailure;
        }
      }
      if (failed > 0) {
        // Per-message failures (as from Azure, one call per message) are an outage too: one line
        // and one loop error per batch, not one per message.
        log.warn(
            "renewing {} of {} lease(s) on {} failed, will try again: {}",
            failed,
            locked.size(),
            queue.uri(),
            firstFailure == null ? "no answer from the backend" : firstFailure.getMessage());
        if (firstFailure != null) {
          listener.loopError("lease", firstFailure);
        }
      }
    } catch (EdwException e) {
      log.warn(
          "renewing {} lease(s) on {} failed, will try again: {}",
          locked.size(),
          queue.uri(),
          e.getMessage());
      listener.loopError("lease", e);
    } finally {
      locked.forEach(f -> f.lock.unlock());
    }
    return renewed;
  }
}
