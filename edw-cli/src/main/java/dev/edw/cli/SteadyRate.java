package dev.edw.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The drain rate of a replica run once every replica is up: rows completed per second between the
 * first sample at which all N replicas had said they were consuming and at least {@link #FROM} of
 * the messages were done, and the first sample at which {@link #TO} were done. The all-in figure
 * (first start to last exit) also counts the JVMs' start and the tail, where fewer replicas have
 * work; this one leaves both out, so it says how fast N processes drain one file together, not how
 * long a job of that size takes. Not thread-safe: one sampler adds, then asks.
 */
final class SteadyRate {
  /** The share of the messages done before the window may open. */
  static final double FROM = 0.10;

  /** The share of the messages done when the window closes. */
  static final double TO = 0.90;

  /** One look at the result table: when (System.nanoTime) and how many rows it held. */
  record Sample(long nanos, long rows, boolean allRunning) {}

  /** The window and its rate; {@link #rows} 0 and a NaN rate when there was none. */
  record Window(long rows, double seconds) {
    static final Window NONE = new Window(0, Double.NaN);

    double perSecond() {
      return rows == 0 ? Double.NaN : rows / seconds;
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

  /** The window, or {@link Window#NONE} if all replicas were up only after {@link #TO} was done. */
  Window window() {
    Sample open = null;
    for (Sample s : samples) {
      if (open == null && s.allRunning() && s.rows() >= FROM * messages) {
        open = s;
      }
      if (open != null && s.rows() >= TO * messages) {
        return s.rows() > open.rows()
            ? new Window(s.rows() - open.rows(), (s.nanos() - open.nanos()) / 1e9)
            : Window.NONE;
      }
    }
    return Window.NONE;
  }
}
