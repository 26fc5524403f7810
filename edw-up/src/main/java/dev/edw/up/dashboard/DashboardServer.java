package dev.edw.up.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The web dashboard of {@code edw up}, on the loopback address only: {@code /} the page, {@code
 * /assets/*} its script and style, {@code /lib/*} uPlot from its WebJar, and {@code /events} the
 * live data as server-sent events ({@code history} once, then {@code snapshot} and {@code
 * decision}).
 */
public final class DashboardServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 8080;
  static final String UPLOT = "META-INF/resources/webjars/uplot/";
  private static final String ASSETS = "dev/edw/up/dashboard/";
  private static final long KEEPALIVE_SECONDS = 10;
  private static final int SINK_LIMIT = 10_000;
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8");

  private final HttpServer server;
  private final DashboardEvents events;
  private final String uplotDir;
  private volatile boolean closed;

  /**
   * @param port 0 picks a free port
   */
  public DashboardServer(int port, DashboardEvents events) throws IOException {
    this.events = events;
    this.uplotDir = UPLOT + UplotVersion.find() + "/dist/";
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (BindException e) {
      throw new IllegalArgumentException(
          "port "
              + port
              + " for the dashboard is in use: pass --dashboard-port 0 (any free port)"
              + " or -1 (none)");
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::page);
    server.createContext("/assets/", ex -> resource(ex, ASSETS, "/assets/"));
    server.createContext("/lib/", ex -> resource(ex, uplotDir, "/lib/"));
    server.createContext("/events", this::stream);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  private void page(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals("/")) {
      send(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    serve(ex, ASSETS + "index.html");
  }

  private void resource(HttpExchange ex, String dir, String prefix) throws IOException {
    String name = ex.getRequestURI().getPath().substring(prefix.length());
    if (name.isEmpty() || name.contains("..") || name.contains("/")) {
      send(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    serve(ex, dir + name);
  }

  private void serve(HttpExchange ex, String path) throws IOException {
    try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        send(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String ext = path.substring(path.lastIndexOf('.') + 1);
      send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** One page's event stream: the handler's (virtual) thread writes what its queue receives. */
  private void stream(HttpExchange ex) throws IOException {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>(SINK_LIMIT);
    DashboardEvents.Sink sink =
        (event, data) -> !closed && queue.offer("event: " + event + "\ndata: " + data + "\n\n");
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    events.connect(sink);
    try (OutputStream out = ex.getResponseBody()) {
      while (!closed) {
        String next = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
        out.write((next == null ? ": keep-alive\n\n" : next).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // the page went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      events.disconnect(sink);
    }
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
  }
}
