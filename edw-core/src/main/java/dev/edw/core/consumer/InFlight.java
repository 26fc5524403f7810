package dev.edw.core.consumer;

import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceivedMessage;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A received message until it is completed or given back. Its receipt changes when a lease is
 * extended (Azure issues a new pop receipt each time), so every call that uses the receipt holds
 * {@link #lock}: the lease keeper only with {@code tryLock}, so it never waits on an
 * acknowledgement. Finishing is claimed once, by compare-and-set ({@link #claimFinish()}).
 */
final class InFlight {
  /**
   * The one global order in which several messages' locks are taken (by the acknowledger and the
   * combined commit), so that two calls holding overlapping messages cannot deadlock: the order in
   * which this process received them, compared as numbers rather than as message ids.
   */
  static final Comparator<InFlight> LOCK_ORDER = Comparator.comparingLong(f -> f.lockOrder);

  private static final AtomicLong RECEIVED = new AtomicLong();

  final ReceivedMessage message;
  private final long lockOrder = RECEIVED.getAndIncrement();
  final ReentrantLock lock = new ReentrantLock();
  private volatile Receipt receipt;
  private volatile long leaseExpiresAtMillis;
  private volatile boolean leaseLost;
  private final AtomicBoolean finished = new AtomicBoolean();

  InFlight(ReceivedMessage message, long leaseExpiresAtMillis) {
    this.message = message;
    this.receipt = message.receipt();
    this.leaseExpiresAtMillis = leaseExpiresAtMillis;
  }

  Receipt receipt() {
    return receipt;
  }

  long leaseExpiresAtMillis() {
    return leaseExpiresAtMillis;
  }

  void renewed(Receipt current, long expiresAtMillis) {
    receipt = current;
    leaseExpiresAtMillis = expiresAtMillis;
  }

  boolean leaseLost() {
    return leaseLost;
  }

  void markLeaseLost() {
    leaseLost = true;
  }

  boolean finished() {
    return finished.get();
  }

  /**
   * Claims the right to finish this message (complete, fail or give it back): true for exactly one
   * caller, so a message is finished at most once, whichever paths race for it.
   */
  boolean claimFinish() {
    return finished.compareAndSet(false, true);
  }
}
