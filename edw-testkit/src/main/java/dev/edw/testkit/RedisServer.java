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
 * A throw-away {@code redis-server} on a free local port, without persistence unless the extra
 * arguments ask for it ({@code --appendonly yes}). The binary must be on the PATH (the project's
 * test script installs it); if it is not, the test fails saying so. Used by the redis backend's
 * tests and by the CLI's process-level tests. A test can freeze it ({@link #pause()}, SIGSTOP),
 * thaw it ({@link #resume()}), stop it ({@link #stop()}, SIGTERM) or kill it ({@link #kill()},
 * SIGKILL), and {@link #restart()} it on the same port and directory, so what it persisted is
 * loaded again. {@link #close()} stops it and deletes its directory.
 */
public final class RedisServer implements AutoCloseable {
  private static final Duration STARTUP_BOUND = Duration.ofSeconds(20);

  private volatile Process process;
  private final List<String> command;
  private final int port;
  private final Path dir;

  private RedisServer(List<String> command, int port, Path dir) {
    this.command = List.copyOf(command);
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
    RedisServer server = new RedisServer(command, port, dir);
    server.launch();
    return server;
  }

  private void launch() {
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "These tests need redis-server on the PATH, and it could not be started ("
              + e.getMessage()
              + "). Install it, e.g. 'apt-get install redis-server'.",
          e);
    }
    try {
      await()
          .atMost(STARTUP_BOUND)
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(this::answersPing);
    } catch (RuntimeException e) {
      String log = log();
      close();
      throw new AssertionError("redis-server did not answer PING on port " + port + ":\n" + log, e);
    }
  }

  /** The server's directory, where it keeps its AOF and RDB files and its log. */
  public Path dir() {
    return dir;
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
  public void pause() {
    signal("STOP");
  }

  /** Thaws a frozen server (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  /** Stops the server as an orchestrator would (SIGTERM: it flushes what it persists first). */
  public void stop() {
    process.destroy();
    awaitExit();
  }

  /** Kills the server (SIGKILL): what it had not yet written to disk is lost. */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** Starts the stopped or killed server again, on the same port and directory. */
  public void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("redis-server is still running; stop or kill it first");
    }
    launch();
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new AssertionError("redis-server did not exit within 20 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError(
            "kill -" + name + " failed: " + new String(kill.getInputStream().readAllBytes()));
      }
    } catch (IOException e) {
      throw new AssertionError("kill -" + name + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    Process p = process;
    if (p != null) {
      p.destroy();
    }
    try {
      if (p != null && !p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      try (var files = Files.walk(dir)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // a left-over temporary directory is harmless
    }
  }
}
