package dev.edw.up;

import dev.edw.scaling.engine.Evaluation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --timeline FILE}: one JSON object a line per evaluation ({@code t}, {@code source}, {@code
 * metric}, {@code active}, {@code current}, {@code desired}, {@code reason}), written by the
 * engine's own {@link Evaluation#toJson}, so the file has the format of {@code edw simulate
 * --timeline}. Each line is flushed as it is written.
 */
public final class TimelineWriter implements UpListener, AutoCloseable {
  private final BufferedWriter out;

  public TimelineWriter(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  @Override
  public void decision(Evaluation d) {
    try {
      out.write(d.toJson());
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
