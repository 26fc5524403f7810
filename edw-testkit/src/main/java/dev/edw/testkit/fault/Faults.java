package dev.edw.testkit.fault;

import dev.edw.api.BackendUnavailableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The dice of the faulty decorators: draws, per call and from a seed, which fault to inject, and
 * counts what it injected so a test can check the faults really happened. Decorators sharing one
 * {@code Faults} share its sequence and counts. Thread-safe: draws are serialised, so one seed
 * gives one sequence of draws (which call gets which draw depends on thread timing).
 */
public final class Faults {
  private final FaultOptions options;
  private final SplittableRandom random;
  private final Map<FaultKind, AtomicLong> injected = new EnumMap<>(FaultKind.class);
  private volatile boolean enabled = true;

  public Faults(FaultOptions options) {
    this.options = Objects.requireNonNull(options, "'options' cannot be null.");
    this.random = new SplittableRandom(options.seed());
    for (FaultKind kind : FaultKind.values()) {
      injected.put(kind, new AtomicLong());
    }
  }

  public FaultOptions options() {
    return options;
  }

  /** Turns injection on or off, e.g. off to check the end state through the same decorators. */
  public void enabled(boolean on) {
    enabled = on;
  }

  /** How many faults of {@code kind} were injected so far. */
  public long injected(FaultKind kind) {
    return injected.get(kind).get();
  }

  /** Every fault injected so far, NONE excluded. */
  public long injectedTotal() {
    long total = 0;
    for (FaultKind kind : FaultKind.values()) {
      if (kind != FaultKind.NONE) {
        total += injected(kind);
      }
    }
    return total;
  }

  /** Draws the fault of one call. */
  public FaultKind draw() {
    if (!enabled) {
      return FaultKind.NONE;
    }
    double roll;
    synchronized (random) {
      roll = random.nextDouble();
    }
    FaultKind kind = pick(roll);
    injected.get(kind).incrementAndGet();
    return kind;
  }

  private FaultKind pick(double roll) {
    double edge = options.unmappedRate();
    if (roll < edge) {
      return FaultKind.UNMAPPED;
    }
    edge += options.retryableRate();
    if (roll < edge) {
      return FaultKind.RETRYABLE;
    }
    edge += options.timeoutRate();
    if (roll < edge) {
      return FaultKind.TIMEOUT;
    }
    edge += options.partialRate();
    if (roll < edge) {
      return FaultKind.PARTIAL;
    }
    edge += options.delayRate();
    if (roll < edge) {
      return FaultKind.DELAY;
    }
    return FaultKind.NONE;
  }

  /** A number in [0, bound), for choosing how partial a partial answer is. */
  public int nextInt(int bound) {
    synchronized (random) {
      return random.nextInt(bound);
    }
  }

  /**
   * Runs {@code call} under {@code kind}, for the kinds every call treats alike: throws for
   * UNMAPPED and RETRYABLE without calling, pauses for DELAY, calls and then throws for TIMEOUT.
   * PARTIAL and NONE just call.
   */
  public <T> T apply(FaultKind kind, String what, Supplier<T> call) {
    switch (kind) {
      case UNMAPPED -> throw new InjectedFault(what);
      case RETRYABLE -> throw outage(what);
      case DELAY ->
          pause(options.maxDelay().toNanos() <= 0 ? 0 : nextLong(options.maxDelay().toNanos()));
      case TIMEOUT -> {
        call.get();
        pause(options.timeoutPause().toNanos());
        throw new BackendUnavailableException("injected: " + what + " timed out", null);
      }
      default -> {}
    }
    return call.get();
  }

  /** Draws the fault of one call and runs {@code call} under it ({@link #apply}). */
  public <T> T call(String what, Supplier<T> call) {
    return apply(draw(), what, call);
  }

  /** {@link #apply} for a call that returns nothing. */
  public void run(FaultKind kind, String what, Runnable call) {
    apply(
        kind,
        what,
        () -> {
          call.run();
          return null;
        });
  }

  /** For PARTIAL, a prefix of {@code answer} shorter than it (an answer in part); else it all. */
  public <T> List<T> fewer(FaultKind kind, List<T> answer) {
    return kind == FaultKind.PARTIAL && !answer.isEmpty()
        ? List.copyOf(answer.subList(0, nextInt(answer.size())))
        : answer;
  }

  /**
   * For PARTIAL, a batch call's per-item results garbled as a backend may answer: fewer results
   * than items, or all of them in the reverse order; else {@code results} as they are.
   */
  public <T> List<T> garble(FaultKind kind, List<T> results) {
    if (kind != FaultKind.PARTIAL || results.isEmpty()) {
      return results;
    }
    if (results.size() == 1 || nextInt(2) == 0) {
      return List.copyOf(results.subList(0, nextInt(results.size())));
    }
    List<T> reversed = new ArrayList<>(results);
    Collections.reverse(reversed);
    return reversed;
  }

  /**
   * Hands on only a prefix of {@code items} to {@code write} and then fails retryably, saying how
   * many went through ({@code "... after 3 of 10" + unit}): a batch write that broke off.
   */
  public <T> BackendUnavailableException brokeOff(
      String what, String unit, List<T> items, Consumer<List<T>> write) {
    int done = nextInt(items.size());
    write.accept(items.subList(0, done));
    return new BackendUnavailableException(
        "injected: " + what + " failed after " + done + " of " + items.size() + unit, null);
  }

  /** The retryable outage a RETRYABLE fault throws. */
  public static BackendUnavailableException outage(String what) {
    return new BackendUnavailableException("injected outage in " + what, null);
  }

  private long nextLong(long bound) {
    synchronized (random) {
      return random.nextLong(bound);
    }
  }

  private static void pause(long nanos) {
    long end = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }
}
