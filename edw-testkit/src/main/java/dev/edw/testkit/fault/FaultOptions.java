package dev.edw.testkit.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, per call, a faulty decorator injects each kind of fault, and from which seed. Rates
 * are probabilities in [0, 1] whose sum is at most 1; a call draws one kind (or none).
 *
 * @param seed the seed of the decorator's random source: the same seed and the same call sequence
 *     give the same faults
 * @param unmappedRate chance of an {@link FaultKind#UNMAPPED} exception
 * @param retryableRate chance of a {@link FaultKind#RETRYABLE} outage
 * @param timeoutRate chance of a {@link FaultKind#TIMEOUT} (work done, answer lost)
 * @param partialRate chance of a {@link FaultKind#PARTIAL} answer
 * @param delayRate chance of a {@link FaultKind#DELAY}
 * @param maxDelay longest added pause of a delay
 * @param timeoutPause how long a timed-out call waits before it throws
 */
public record FaultOptions(
    long seed,
    double unmappedRate,
    double retryableRate,
    double timeoutRate,
    double partialRate,
    double delayRate,
    Duration maxDelay,
    Duration timeoutPause) {

  public static final long DEFAULT_SEED = 8L;
  public static final double DEFAULT_UNMAPPED_RATE = 0.01;
  public static final double DEFAULT_RETRYABLE_RATE = 0.02;
  public static final double DEFAULT_TIMEOUT_RATE = 0.01;
  public static final double DEFAULT_PARTIAL_RATE = 0.02;
  public static final double DEFAULT_DELAY_RATE = 0.05;
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(20);
  public static final Duration DEFAULT_TIMEOUT_PAUSE = Duration.ofMillis(50);

  public static final FaultOptions DEFAULTS =
      new FaultOptions(
          DEFAULT_SEED,
          DEFAULT_UNMAPPED_RATE,
          DEFAULT_RETRYABLE_RATE,
          DEFAULT_TIMEOUT_RATE,
          DEFAULT_PARTIAL_RATE,
          DEFAULT_DELAY_RATE,
          DEFAULT_MAX_DELAY,
          DEFAULT_TIMEOUT_PAUSE);

  /** No faults at all: every call goes through. */
  public static final FaultOptions NONE = DEFAULTS.withRates(0, 0, 0, 0, 0);

  public FaultOptions {
    Objects.requireNonNull(maxDelay, "'maxDelay' cannot be null.");
    Objects.requireNonNull(timeoutPause, "'timeoutPause' cannot be null.");
    double sum = 0;
    for (double rate :
        new double[] {unmappedRate, retryableRate, timeoutRate, partialRate, delayRate}) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("fault rates must be in [0, 1], not " + rate);
      }
      sum += rate;
    }
    if (sum > 1 + 1e-9) {
      throw new IllegalArgumentException("fault rates must sum to at most 1, not " + sum);
    }
    if (maxDelay.isNegative() || timeoutPause.isNegative()) {
      throw new IllegalArgumentException("'maxDelay' and 'timeoutPause' cannot be negative.");
    }
  }

  public FaultOptions withSeed(long newSeed) {
    return new FaultOptions(
        newSeed,
        unmappedRate,
        retryableRate,
        timeoutRate,
        partialRate,
        delayRate,
        maxDelay,
        timeoutPause);
  }

  /** The same options with these rates, in the order of {@link FaultKind}'s faults. */
  public FaultOptions withRates(
      double unmapped, double retryable, double timeout, double partial, double delay) {
    return new FaultOptions(
        seed, unmapped, retryable, timeout, partial, delay, maxDelay, timeoutPause);
  }

  /** Only {@code kind}, at {@code rate}. */
  public FaultOptions only(FaultKind kind, double rate) {
    return withRates(
        kind == FaultKind.UNMAPPED ? rate : 0,
        kind == FaultKind.RETRYABLE ? rate : 0,
        kind == FaultKind.TIMEOUT ? rate : 0,
        kind == FaultKind.PARTIAL ? rate : 0,
        kind == FaultKind.DELAY ? rate : 0);
  }
}
