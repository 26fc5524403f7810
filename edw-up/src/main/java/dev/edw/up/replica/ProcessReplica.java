package dev.edw.up.replica;

import dev.edw.core.admin.PortFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A replica that is an OS process; SIGTERM drains it, SIGKILL kills it. */
final class ProcessReplica implements Replica {
  private static final Logger log = LoggerFactory.getLogger(ProcessReplica.class);
  private static final Duration SCRAPE_TIMEOUT = Duration.ofMillis(500);

  private final String name;
  private final Process process;
  private final HttpClient http;
  private final Path portFile;
  private final Path finalMetrics;
  private boolean finalRead;
  private URI readyz;
  private URI metrics;
  private volatile boolean ready;
  private volatile ReplicaStats stats = ReplicaStats.NONE;

  /**
   * @param finalMetrics where the replica writes its last {@code /metrics} page as it exits
   */
  ProcessReplica(String name, Process process, Path portFile, Path finalMetrics, HttpClient http) {
    this.name = name;
    this.process = process;
    this.http = http;
    this.portFile = portFile;
    this.finalMetrics = finalMetrics;
    log.info("started {} as pid {}", name, process.pid());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public boolean ready() {
    return ready && process.isAlive();
  }

  @Override
  public void terminate() {
    log.info("SIGTERM to {} (pid {})", name, process.pid());
    process.destroy();
  }

  @Override
  public void kill() {
    process.destroyForcibly();
  }

  @Override
  public void refresh() {
    if (!process.isAlive()) {
      ready = false;
      readFinalMetrics();
      return;
    }
    if (metrics == null && !readPortFile()) {
      return; // not listening yet
    }
    try {
      ready = get(readyz).statusCode() == 200;
      HttpResponse<String> page = get(metrics);
      if (page.statusCode() == 200) {
        stats = PrometheusText.parse(page.body());
      }
    } catch (java.io.IOException e) {
      ready = false; // not listening yet, or exiting
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Once it exited: its final page, with what it completed after the last scrape (written after its
   * drain, so complete once the process is gone). Without one (killed) the last scrape stays.
   */
  private void readFinalMetrics() {
    if (finalRead) {
      return;
    }
    finalRead = true;
    try {
      if (Files.exists(finalMetrics)) {
        stats = PrometheusText.parse(Files.readString(finalMetrics));
      }
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("cannot read the final metrics of {}: {}", name, e.toString());
    }
  }

  private boolean readPortFile() {
    if (!Files.exists(portFile)) {
      return false;
    }
    try {
      Integer port = PortFile.read(portFile).metricsPort();
      if (port == null) {
        return false;
      }
      readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
      metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
      return true;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  private HttpResponse<String> get(URI uri) throws java.io.IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(SCRAPE_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public ReplicaStats stats() {
    return stats;
  }
}
