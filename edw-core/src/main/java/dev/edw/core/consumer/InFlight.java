package dev.edw.core.consumer;

import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceivedMessage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A received message until it is completed or given back. Its receipt changes when a lease is
 * extended (Azure issues a new pop receipt each time), so every call that uses the receipt holds
 * {@link #lock}: the lease keeper only with {@code tryLock}, so it never waits on an
 * acknowledgement. Finishing is claimed once, by compare-and-set ({@link #claimFinish()}).
 */
final class InFlight {
  final ReceivedMessage message;
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
