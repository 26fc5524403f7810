package dev.edw.core.consumer;

import java.time.Duration;

/**
 * How a loop waits: for its interval, or for its back-off after an error. Production loops wait on
 * a {@link Signal} (so a stop or new work wakes them early); tests pass a waiter they control.
 */
@FunctionalInterface
interface Waiter {
  /** Waits up to {@code timeout}; returns early when woken. */
  void await(Duration timeout) throws InterruptedException;

  static Waiter on(Signal signal) {
    return signal::await;
  }
}
