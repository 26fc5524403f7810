package dev.edw.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Says when the bench's warm-up has done its job: the JIT has compiled the hot path. One pass of a
 * fixed size is not enough on a small machine: with 50,000 messages the compilers were still busy
 * for most of the first measured run, which then used half again as much CPU per message as the
 * next. So the bench repeats its warm-up pass until the compilers worked for less than {@link
 * #SETTLED_SHARE} of a pass's wall time, or until it has run {@code maxPasses}. Not thread-safe:
 * one bench thread starts and ends passes.
 */
final class JitWarmup {
  /** The compilers' time, in percent of a pass's wall time, under which the JIT has settled. */
  static final int SETTLED_PERCENT = 5;

  static final double SETTLED_SHARE = SETTLED_PERCENT / 100.0;

  /** Passes at most, unless the user gives another bound. */
  static final int DEFAULT_MAX_PASSES = 8;

  private final LongSupplier compileMillis;
  private final LongSupplier nanoTime;
  private final int maxPasses;
  private int passes;
  private long startCompileMillis;
  private long startNanos;
  private double lastShare = Double.NaN;

  /**
   * @param compileMillis the compilers' total time so far, in milliseconds (summed over their
   *     threads)
   * @param nanoTime a monotonic clock
   */
  JitWarmup(LongSupplier compileMillis, LongSupplier nanoTime, int maxPasses) {
    if (maxPasses < 1) {
      throw new IllegalArgumentException("at least one warm-up pass, not " + maxPasses);
    }
    this.compileMillis = compileMillis;
    this.nanoTime = nanoTime;
    this.maxPasses = maxPasses;
  }

  /** Reads this JVM's compilers. */
  static JitWarmup ofThisJvm(int maxPasses) {
    return new JitWarmup(compileMillisOfThisJvm(), System::nanoTime, maxPasses);
  }

  /** This JVM's compilers' time so far; always 0 (every pass settled) where it is not timed. */
  static LongSupplier compileMillisOfThisJvm() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit::getTotalCompilationTime
        : () -> 0L;
  }

  /** Call as a pass begins. */
  void passStarts() {
    startCompileMillis = compileMillis.getAsLong();
    startNanos = nanoTime.getAsLong();
  }

  /** Call as a pass ends; returns whether another pass is due. */
  boolean passEndsAndAnotherIsDue() {
    long wallNanos = Math.max(1, nanoTime.getAsLong() - startNanos);
    long compiled = compileMillis.getAsLong() - startCompileMillis;
    lastShare = compiled * 1e6 / wallNanos;
    passes++;
    return passes < maxPasses && lastShare >= SETTLED_SHARE;
  }

  int passes() {
    return passes;
  }

  /** The compilers' time as a share of the last pass's wall time (may pass 1: several threads). */
  double lastShare() {
    return lastShare;
  }

  boolean settled() {
    return lastShare < SETTLED_SHARE;
  }
}
