package dev.edw.core.consumer;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes a waiting loop early: the poller when capacity frees up, the writer when a batch fills. */
final class Signal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition condition = lock.newCondition();
  // volatile so that signal() can see without the lock that a wake-up is already pending: the
  // waiter clears it only under the lock, after the signaller's change, so skipping loses nothing
  private volatile boolean signalled;

  /** Waits until signalled or {@code timeout} passed; returns whether it was signalled. */
  boolean await(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (!signalled && nanos > 0) {
        nanos = condition.awaitNanos(nanos);
      }
      boolean was = signalled;
      signalled = false;
      return was;
    } finally {
      lock.unlock();
    }
  }

  void signal() {
    if (signalled) {
      return;
    }
    lock.lock();
    try {
      signalled = true;
      condition.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits out {@code duration} (a back-off); an interrupt ends it early and is kept. */
  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
