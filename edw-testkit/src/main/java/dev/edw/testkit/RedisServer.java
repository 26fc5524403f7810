package dev.edw.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away {@code redis-server} on a free local port, without persistence. The binary must be
 * on the PATH (the project's test script installs it); if it is not, the test fails saying so. Used
 * by the redis backend's tests and by the CLI's process-level tests. Thread-safe: the server is
 * immutable once started; {@link #close()} stops it and deletes its directory.
 */
public final class RedisServer implements AutoCloseable {
  private static final Duration STARTUP_BOUND = Duration.ofSeconds(20);

  private final Process process;
  private final int port;
  private final Path dir;

  private RedisServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts a server with extra arguments, e.g. {@code --requirepass secret}. */
  public static RedisServer start(String... extraArgs) {
    int port = freePort();
    Path dir;
    try {
      dir = Files.createTempDirectory("edw-redis-test");
    } catch (IOException e) {
      throw new IllegalStateException("cannot make a directory for redis-server", e);
    }
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "redis-server",
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            dir.toString()));
    command.addAll(List.of(extraArgs));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "These tests need redis-server on the PATH, and it could not be started ("
              + e.getMessage()
              + "). Install it, e.g. 'apt-get install redis-server'.",
          e);
    }
    RedisServer server = new RedisServer(process, port, dir);
    try {
      await()
          .atMost(STARTUP_BOUND)
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(server::answersPing);
    } catch (RuntimeException e) {
      String log = server.log();
      server.close();
      throw new AssertionError("redis-server did not answer PING on port " + port + ":\n" + log, e);
    }
    return server;
  }

  public int port() {
    return port;
  }

  /** A URI of a queue on this server, e.g. {@code redis://127.0.0.1:PORT/0/NAME}. */
  public String uri(String name) {
    return "redis://127.0.0.1:" + port + "/0/" + name;
  }

  private boolean answersPing() throws IOException {
    if (!process.isAlive()) {
      throw new AssertionError("redis-server exited:\n" + log());
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[64];
      int n = in.read(reply);
      String text = n > 0 ? new String(reply, 0, n, StandardCharsets.US_ASCII) : "";
      // a server with a password answers NOAUTH, which also shows it is up
      return text.startsWith("+PONG") || text.startsWith("-NOAUTH");
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      try (var files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // a left-over temporary directory is harmless
    }
  }
}
