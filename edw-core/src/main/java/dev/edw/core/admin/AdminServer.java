package dev.edw.core.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The control surface of a running replica, bound to the loopback address only:
 *
 * <ul>
 *   <li>{@code GET /admin/status}: the {@link ReplicaStatus} as JSON;
 *   <li>{@code PUT /admin/concurrency} with a plain integer as the body, or {@code POST
 *       /admin/concurrency?value=N}: sets the concurrency and answers the new status; a value that
 *       is not an integer of at least 1 answers 400.
 * </ul>
 */
public final class AdminServer implements AutoCloseable {
  private static final int MAX_BODY = 64;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ReplicaControl control;

  /**
   * @param port 0 picks a free port
   */
  public AdminServer(int port, ReplicaControl control) throws IOException {
    this.control = Objects.requireNonNull(control, "'control' cannot be null.");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(executor);
    server.createContext("/admin/status", this::status);
    server.createContext("/admin/concurrency", this::concurrency);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void status(HttpExchange ex) throws IOException {
    if (!"GET".equals(ex.getRequestMethod())) {
      reply(ex, 405, "use GET\n", "text/plain");
      return;
    }
    reply(ex, 200, control.status().toJson() + "\n", "application/json");
  }

  private void concurrency(HttpExchange ex) throws IOException {
    String text;
    switch (ex.getRequestMethod()) {
      case "PUT" -> text = body(ex);
      case "POST" -> text = query(ex, "value");
      default -> {
        reply(ex, 405, "use PUT with an integer body, or POST ?value=N\n", "text/plain");
        return;
      }
    }
    int value;
    try {
      value = Integer.parseInt(text == null ? "" : text.trim());
      control.setConcurrency(value);
    } catch (IllegalArgumentException e) {
      reply(
          ex,
          400,
          "concurrency must be an integer of at least 1, not '" + text + "'\n",
          "text/plain");
      return;
    }
    reply(ex, 200, control.status().toJson() + "\n", "application/json");
  }

  private static String body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      return bytes.length > MAX_BODY ? null : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static String query(HttpExchange ex, String name) {
    String query = ex.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void reply(HttpExchange ex, int status, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
