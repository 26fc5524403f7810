package dev.edw.up;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The terminal status line: depth, desired and current replicas, nodes, msgs/s and latency,
 * rewritten in place. {@code edw up} adds it only when its output is a terminal.
 */
public final class StatusLine implements UpListener {
  private final PrintStream out;
  private final boolean nodeModel;

  public StatusLine(PrintStream out, boolean nodeModel) {
    this.out = out;
    this.nodeModel = nodeModel;
  }

  static String format(Snapshot s, boolean nodeModel) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT, "%5.0fs  depth %d (+%d in flight)", s.t(), s.visible(), s.inFlight()));
    b.append(
        String.format(
            Locale.ROOT,
            "  replicas %d/%d ready, desired %d",
            s.ready(),
            s.current(),
            s.desired()));
    if (s.pending() > 0) {
      b.append(String.format(Locale.ROOT, " (%d pending)", s.pending()));
    }
    if (nodeModel) {
      b.append(String.format(Locale.ROOT, "  nodes %d/%d", s.readyNodes(), s.nodes()));
    }
    b.append(String.format(Locale.ROOT, "  %.1f msg/s", s.throughput()));
    b.append("  p50 ").append(seconds(s.p50())).append(" p99 ").append(seconds(s.p99()));
    b.append(String.format(Locale.ROOT, "  sent %d done %d", s.sent(), s.completed()));
    return b.toString();
  }

  private static String seconds(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2fs", v);
  }

  @Override
  public void snapshot(Snapshot s) {
    out.print("\r\033[K" + format(s, nodeModel));
    out.flush();
  }

  /** Ends the line so that what follows starts on a fresh one. */
  public void finish() {
    out.println();
  }
}
