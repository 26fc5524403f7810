package dev.edw.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code edw args...} on a real pseudo-terminal, as a person at a terminal would: util-linux
 * {@code script} gives the command a pty for its standard input, output and error, copies what we
 * type into it and what it prints out to us (the terminal's echo of our typing included).
 */
final class Pty implements AutoCloseable {
  private final Process process;
  private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
  private final Thread reader;

  private Pty(Process process) {
    this.process = process;
    this.reader = Thread.ofVirtual().start(this::copyOutput);
  }

  static Pty start(Path dir, String... args) throws IOException {
    List<String> command = EdwProcess.command(args);
    StringBuilder line = new StringBuilder();
    for (String word : command) {
      line.append(line.isEmpty() ? "" : " ").append('\'').append(word.replace("'", "'\\''"));
      line.append('\'');
    }
    // -q: no start and end banners; -e: script exits with the command's code; -c: the command
    ProcessBuilder builder =
        new ProcessBuilder("script", "-qec", line.toString(), "/dev/null")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    builder.environment().put("TERM", "xterm");
    return new Pty(builder.start());
  }

  private void copyOutput() {
    byte[] buffer = new byte[4096];
    try (InputStream in = process.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (seen) {
          seen.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Everything the terminal showed so far, escape codes and carriage returns included. */
  String screen() {
    synchronized (seen) {
      return seen.toString(StandardCharsets.UTF_8);
    }
  }

  /** Types {@code text} at the terminal. */
  void type(String text) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write(text.getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Waits for the command's end; its exit code. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the command on the terminal did not finish");
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
