package dev.edw.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a replica tells its parent which ports it listens on: {@code
 * {"pid":P,"metricsPort":M,"adminPort":A}}, a key left out when its endpoint is off. Written once
 * the servers listen, to a temporary file in the same folder that is then renamed, so a reader sees
 * either no file or the whole object.
 *
 * @param pid the replica's process id
 * @param metricsPort the port of /healthz, /readyz and /metrics, or null when off
 * @param adminPort the port of the admin endpoint, or null when off
 */
public record PortFile(long pid, Integer metricsPort, Integer adminPort) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("pid", pid);
    if (metricsPort != null) {
      node.put("metricsPort", metricsPort);
    }
    if (adminPort != null) {
      node.put("adminPort", adminPort);
    }
    return node.toString();
  }

  /** Writes this object to {@code file} atomically (temporary file and rename). */
  public void write(Path file) {
    try {
      AtomicFile.writeString(file, toJson() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the port file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a port file written by {@link #write(Path)}. */
  public static PortFile read(Path file) throws IOException {
    var node = JSON.readTree(Files.readString(file));
    return new PortFile(
        node.path("pid").asLong(),
        node.has("metricsPort") ? node.get("metricsPort").asInt() : null,
        node.has("adminPort") ? node.get("adminPort").asInt() : null);
  }
}
