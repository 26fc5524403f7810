package dev.edw.core.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Back-pressure as permits: the poller may hold at most {@code concurrency} plus the {@link
 * PrefetchWindow}'s messages (fewer when a message limit is near). {@link #acquire} takes permits
 * for received messages, {@link #release} gives one back when a message is completed or given back,
 * {@link #resize} changes the concurrency at runtime, {@link #awaitDrained} waits until none are
 * held. Queries have no side effects. Thread-safe.
 */
final class Capacity {
  private final PrefetchWindow prefetch;
  private final long maxMessages;
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicLong completed = new AtomicLong();
  private final Signal freed = new Signal();
  private volatile int concurrency;

  /**
   * @param maxMessages stop after this many completed; 0 for no limit
   */
  Capacity(int concurrency, int prefetch, long maxMessages) {
    this(concurrency, prefetch, prefetch, maxMessages, Clock.systemUTC());
  }

  /**
   * @param prefetch the least number of messages held beyond {@code concurrency}
   * @param maxPrefetch the most, while messages complete fast enough ({@link PrefetchWindow})
   * @param maxMessages stop after this many completed; 0 for no limit
   */
  Capacity(int concurrency, int prefetch, int maxPrefetch, long maxMessages, Clock clock) {
    this.concurrency = concurrency;
    this.prefetch = new PrefetchWindow(prefetch, maxPrefetch, completed::get, clock);
    this.maxMessages = maxMessages;
  }

  int concurrency() {
    return concurrency;
  }

  void resize(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("'concurrency' must be at least 1.");
    }
    concurrency = value;
    freed.signal();
  }

  /** Messages held: received and not yet completed or given back. */
  int held() {
    return held.get();
  }

  long completed() {
    return completed.get();
  }

  /** How many more messages may be received now (never negative). */
  int budget() {
    long room = (long) concurrency + prefetch.size() - held.get();
    if (maxMessages > 0) {
      room = Math.min(room, maxMessages - completed.get() - held.get());
    }
    return (int) Math.max(0, room);
  }

  /**
   * The smallest budget worth a receive: a quarter of the capacity, at most one full receive of
   * {@code maxBatch}; when a message limit leaves less than that, whatever is left (at least 1).
   */
  int lowWater(int maxBatch) {
    int capacity = concurrency + prefetch.size();
    long lowWater = Math.max(1, Math.min(maxBatch, capacity / 4));
    if (maxMessages > 0) {
      lowWater = Math.max(1, Math.min(lowWater, maxMessages - completed.get() - held.get()));
    }
    return (int) lowWater;
  }

  /** Whether the message limit is reached and nothing is held any more. */
  boolean limitReached() {
    return maxMessages > 0 && held.get() == 0 && completed.get() >= maxMessages;
  }

  /** Takes permits for {@code count} received messages; returns how many are held now. */
  int acquire(int count) {
    return held.addAndGet(count);
  }

  /**
   * Gives back {@code count} permits at once, with one wake-up of the poller: the messages were
   * completed (written and acknowledged, or poisoned) or given back for a retry. Returns how many
   * are held now.
   */
  int release(int count, boolean completed) {
    if (completed) {
      this.completed.addAndGet(count);
    }
    int left = held.addAndGet(-count);
    freed.signal();
    return left;
  }

  /** Waits until a permit is released, the size changes or {@link #wake} is called. */
  void awaitChange(Duration timeout) throws InterruptedException {
    freed.await(timeout);
  }

  void wake() {
    freed.signal();
  }

  /** Waits until no permit is held or the deadline ({@link System#nanoTime()}) passed. */
  boolean awaitDrained(long deadlineNanos) throws InterruptedException {
    while (held.get() > 0) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      freed.await(Duration.ofNanos(Math.min(left, Duration.ofMillis(50).toNanos())));
    }
    return true;
  }
}
