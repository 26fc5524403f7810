package dev.edw.up;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --timeline FILE}: one JSON object a line per evaluation, with {@code t}, {@code source},
 * {@code metric}, {@code active}, {@code current}, {@code desired} and {@code reason}, the same
 * format as {@code edw simulate --timeline}. Each line is flushed as it is written.
 */
public final class TimelineWriter implements UpListener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  public TimelineWriter(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  static Map<String, Object> line(Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", d.t());
    m.put("source", d.source());
    m.put("metric", d.metric());
    m.put("active", d.active());
    m.put("current", d.current());
    m.put("desired", d.desired());
    m.put("reason", d.reason());
    return m;
  }

  @Override
  public void decision(Decision d) {
    try {
      out.write(JSON.writeValueAsString(line(d)));
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
