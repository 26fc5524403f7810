package dev.edw.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The drain rate of a replica run once every replica is up: rows completed per second between the
 * first sample at which all N replicas had said they were consuming and at least {@link #FROM} of
 * the messages were done, and the first sample at which {@link #TO} were done (or, when the
 * replicas finished before a sample saw that, the last sample taken while they ran). The all-in
 * figure (first start to last exit) also counts the JVMs' start and the tail, where fewer replicas
 * have work; this one leaves both out, so it says how fast N processes drain one file together, not
 * how long a job of that size takes. Not thread-safe: one sampler adds, then asks.
 */
final class SteadyRate {
  /** The share of the messages done before the window may open. */
  static final double FROM = 0.10;

  /** The share of the messages done when the window closes. */
  static final double TO = 0.90;

  /** One look at the result table: when (System.nanoTime) and how many rows it held. */
  record Sample(long nanos, long rows, boolean allRunning) {}

  /** The window: rows done when it opened and closed, its length; NONE when there was none. */
  record Window(long fromRows, long toRows, double seconds) {
    static final Window NONE = new Window(0, 0, Double.NaN);

    long rows() {
      return toRows - fromRows;
    }

    double perSecond() {
      return rows() == 0 ? Double.NaN : rows() / seconds;
    }
  }

  private final long messages;
  private final List<Sample> samples = new ArrayList<>();

  SteadyRate(long messages) {
    this.messages = messages;
  }

  void add(long nanos, long rows, boolean allRunning) {
    samples.add(new Sample(nanos, rows, allRunning));
  }

  /**
   * The window, or {@link Window#NONE} if no two samples bound one (all replicas were up only after
   * {@link #TO} was done, or the sample that saw them up was the last).
   */
  Window window() {
    Sample open = null;
    Sample close = null;
    for (Sample s : samples) {
      if (open == null && s.allRunning() && s.rows() >= FROM * messages) {
        open = s;
      }
      if (open != null) {
        close = s;
        if (s.rows() >= TO * messages) {
          break;
        }
      }
    }
    if (open == null || close.rows() <= open.rows()) {
      return Window.NONE;
    }
    return new Window(open.rows(), close.rows(), (close.nanos() - open.nanos()) / 1e9);
  }
}
