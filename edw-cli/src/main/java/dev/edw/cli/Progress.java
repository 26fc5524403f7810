package dev.edw.cli;

import java.io.PrintStream;

/** A one-line progress bar on a terminal; silent when output is not a terminal. */
final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 200_000_000L;
  private final PrintStream out;
  private final String verb;
  private final long total;
  private final long start = System.nanoTime();
  private volatile long lastDraw;

  private Progress(PrintStream out, String verb, long total) {
    this.out = out;
    this.verb = verb;
    this.total = total;
  }

  static Progress forTerminal(boolean wanted, String verb, long total) {
    return new Progress(wanted && Terminal.interactive() ? System.err : null, verb, total);
  }

  void update(long done) {
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    draw(done, now);
  }

  private synchronized void draw(long done, long now) {
    double seconds = Math.max((now - start) / 1e9, 1e-9);
    String rate = String.format("%,.0f msgs/s", done / seconds);
    if (total > 0) {
      int width = 30;
      int filled = (int) Math.min(width, width * done / total);
      out.printf(
          "\r[%s%s] %,d/%,d %s %s",
          "#".repeat(filled), ".".repeat(width - filled), done, total, verb, rate);
    } else {
      out.printf("\r%,d %s %s", done, verb, rate);
    }
    out.flush();
  }

  void finish(long done) {
    if (out != null) {
      draw(done, System.nanoTime());
      out.println();
    }
  }

  @Override
  public void close() {}
}
