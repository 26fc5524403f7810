package dev.edw.processors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Keeps the last bytes a child process wrote to a stream (its stderr), for failure reasons, and
 * hands every complete line to a sink (the log). Reading never blocks the child: the stream is
 * drained to its end.
 */
public final class OutputTail {
  /** How much of the end of stderr a reason quotes. */
  public static final int DEFAULT_TAIL_BYTES = 2048;

  private final byte[] ring;
  private long written;

  public OutputTail(int bytes) {
    this.ring = new byte[bytes];
  }

  /** Reads {@code in} to its end, keeping the tail and passing lines to {@code lines}. */
  public void drain(InputStream in, Consumer<String> lines) {
    StringBuilder line = new StringBuilder();
    byte[] buffer = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        append(buffer, n);
        String chunk = new String(buffer, 0, n, StandardCharsets.UTF_8);
        for (int i = 0; i < chunk.length(); i++) {
          char c = chunk.charAt(i);
          if (c == '\n') {
            lines.accept(line.toString());
            line.setLength(0);
          } else if (line.length() < 4096) {
            line.append(c);
          }
        }
      }
    } catch (IOException e) {
      // the child is gone; what was read is the tail
    }
    if (!line.isEmpty()) {
      lines.accept(line.toString());
    }
  }

  private synchronized void append(byte[] buffer, int n) {
    for (int i = 0; i < n; i++) {
      ring[(int) (written++ % ring.length)] = buffer[i];
    }
  }

  /** The tail as text, trimmed; empty when nothing was written. */
  public synchronized String text() {
    int size = (int) Math.min(written, ring.length);
    byte[] out = new byte[size];
    long start = written - size;
    for (int i = 0; i < size; i++) {
      out[i] = ring[(int) ((start + i) % ring.length)];
    }
    String s = new String(out, StandardCharsets.UTF_8).strip();
    return written > ring.length ? "..." + s : s;
  }
}
