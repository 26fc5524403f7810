package dev.edw.azure;

import static org.awaitility.Awaitility.await;

import dev.edw.api.backend.ResourceUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Azurite, the Azure Storage emulator, run from the pinned copy in {@code test-tools/} at the
 * repository root: in memory (or, from {@link #startPersistent()}, on disk in its work folder), on
 * free ports picked at start, on 127.0.0.1. Fails (never skips) when the tool is not installed.
 */
public final class Azurite implements AutoCloseable {
  /** Azurite's well-known development account and key (public, documented by Microsoft). */
  static final String ACCOUNT = "devstoreaccount1";

  static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final String HOST = "127.0.0.1";
  private static final Duration START_BOUND = Duration.ofSeconds(60);
  private static final Duration STOP_BOUND = Duration.ofSeconds(15);

  private final Path binary;
  private final Path workDir;
  private final int blobPort;
  private final int queuePort;
  private final int tablePort;
  private final boolean persistent;
  private volatile Process process;

  private Azurite(Path binary, Path workDir, int[] ports, boolean persistent) {
    this.binary = binary;
    this.workDir = workDir;
    this.persistent = persistent;
    this.blobPort = ports[0];
    this.queuePort = ports[1];
    this.tablePort = ports[2];
  }

  /** Starts a new Azurite in memory and waits until its three ports accept connections. */
  public static Azurite start() {
    return start(false);
  }

  /**
   * Starts a new Azurite that keeps its data on disk in its work folder, so that queues, messages
   * and rows survive {@link #kill()} and {@link #restart()}.
   */
  static Azurite startPersistent() {
    return start(true);
  }

  private static Azurite start(boolean persistent) {
    try {
      Azurite azurite =
          new Azurite(
              findBinary(), Files.createTempDirectory("edw-azurite"), freePorts(3), persistent);
      Runtime.getRuntime().addShutdownHook(new Thread(azurite::kill));
      azurite.launch();
      return azurite;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts Azurite again on the same ports, e.g. after {@link #kill()}. */
  void restart() {
    kill();
    launch();
  }

  private void launch() {
    List<String> storage =
        persistent
            ? List.of("--location", workDir.resolve("data").toString())
            : List.of("--inMemoryPersistence");
    List<String> command = new java.util.ArrayList<>();
    command.add(binary.toString());
    command.addAll(storage);
    command.addAll(
        List.of(
            "--silent",
            "--loose",
            "--skipApiVersionCheck",
            "--disableTelemetry",
            "--blobHost",
            HOST,
            "--queueHost",
            HOST,
            "--tableHost",
            HOST,
            "--blobPort",
            Integer.toString(blobPort),
            "--queuePort",
            Integer.toString(queuePort),
            "--tablePort",
            Integer.toString(tablePort)));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    Process started = process;
    await("Azurite accepting connections on " + List.of(blobPort, queuePort, tablePort))
        .atMost(START_BOUND)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!started.isAlive()) {
                throw new IllegalStateException(
                    "Azurite exited with code " + started.exitValue() + ": " + readLog());
              }
              return accepts(blobPort) && accepts(queuePort) && accepts(tablePort);
            });
  }

  /**
   * Stops Azurite the way a service goes down without losing what it acknowledged: SIGTERM, upon
   * which Azurite closes its ports and saves its data (a SIGKILL would lose up to the last five
   * seconds of it, Azurite's autosave interval). Forces the stop if it takes too long.
   */
  void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
  }

  /**
   * Stops Azurite and its child processes at once (SIGKILL, no clean shutdown); in-memory data is
   * gone, on-disk data stays.
   */
  void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      if (!p.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("Azurite did not stop within " + STOP_BOUND);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    await("Azurite's ports closed")
        .atMost(STOP_BOUND)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !accepts(queuePort) && !accepts(tablePort) && !accepts(blobPort));
  }

  @Override
  public void close() {
    kill();
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }

  /** The endpoint of one service, path-style as Azurite wants it. */
  String endpoint(String service) {
    int port =
        switch (service) {
          case "queue" -> queuePort;
          case "table" -> tablePort;
          case "blob" -> blobPort;
          default -> throw new IllegalArgumentException(service);
        };
    return "http://" + HOST + ":" + port + "/" + ACCOUNT;
  }

  /**
   * A URI of the dev account with the endpoint and the account key as parameters, e.g. {@code
   * uri("azure-queue", "orders", "messageEncoding=base64")}.
   */
  public ResourceUri uri(String scheme, String name, String... extraParams) {
    String service = scheme.substring("azure-".length());
    StringBuilder text =
        new StringBuilder(scheme)
            .append("://")
            .append(ACCOUNT)
            .append('/')
            .append(name)
            .append("?endpoint=")
            .append(encode(endpoint(service)))
            .append("&accountKey=")
            .append(encode(KEY));
    for (String p : extraParams) {
      text.append('&').append(p);
    }
    return ResourceUri.parse(text.toString());
  }

  /** The connection string of the dev account for this Azurite. */
  String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + KEY
        + ";BlobEndpoint="
        + endpoint("blob")
        + ";QueueEndpoint="
        + endpoint("queue")
        + ";TableEndpoint="
        + endpoint("table")
        + ";";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Path log() {
    return workDir.resolve("azurite.log");
  }

  private String readLog() {
    try {
      return Files.readString(log());
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST));
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
  }

  /**
   * {@code test-tools/node_modules/.bin/azurite} of the nearest folder, from the working directory
   * up, that holds {@code test-tools/package.json}.
   */
  static Path findBinary() {
    return findBinary(Path.of("").toAbsolutePath());
  }

  static Path findBinary(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("test-tools/package.json"))) {
        Path bin = dir.resolve("test-tools/node_modules/.bin/azurite");
        if (!Files.isExecutable(bin)) {
          throw new IllegalStateException(
              "Azurite is not installed: run `npm ci --prefix test-tools` in "
                  + dir
                  + " (looked for "
                  + bin
                  + ")");
        }
        return bin;
      }
    }
    throw new IllegalStateException(
        "no test-tools/package.json found from "
            + start
            + " upwards: run the tests inside the edw repository, after `npm ci --prefix"
            + " test-tools`");
  }
}
