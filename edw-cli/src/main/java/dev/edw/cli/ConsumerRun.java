package dev.edw.cli;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.admin.AdminServer;
import dev.edw.core.admin.AtomicFile;
import dev.edw.core.admin.PortFile;
import dev.edw.core.backend.Backends;
import dev.edw.core.backend.CreateOnSendQueue;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.consumer.OutageWatch;
import dev.edw.core.consumer.QueueWorker;
import dev.edw.core.http.HealthServer;
import dev.edw.core.metrics.ProcessMetrics;
import dev.edw.core.metrics.QueueDepthGauge;
import dev.edw.core.metrics.WorkerMetrics;
import dev.edw.core.processor.Processors;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one consumer replica to its end, for {@code consume} and {@code job}: opens the queue, its
 * poison queue, the result table (for processors that write entities) and the blob store; starts
 * the worker with health and metrics endpoints; drains on SIGTERM; reports what it did.
 */
final class ConsumerRun {
  private static final Logger log = LoggerFactory.getLogger(ConsumerRun.class);

  /**
   * What to run.
   *
   * @param queue the work queue URI
   * @param table the result table URI, used when the processor writes entities
   * @param outageBound how long receives may fail in a row before the run gives up; null for never
   */
  record Spec(
      String queue,
      String table,
      ConsumerFlags flags,
      ConsumerOptions options,
      int metricsPort,
      Duration outageBound) {}

  /**
   * What a run did.
   *
   * @param signalled whether SIGTERM or SIGINT stopped the run
   * @param outage the error that made the run give up on an unreachable queue, or null
   */
  record Outcome(
      String queue,
      QueueWorker.DrainReport report,
      long poisoned,
      boolean signalled,
      Throwable outage) {}

  private ConsumerRun() {}

  static Outcome run(Backends backends, Spec spec) throws Exception {
    ConsumerFlags flags = spec.flags();
    ProcessorFactory factory = flags.processors().get(flags.processor);
    Processors.checkOptions(factory, flags.processorOptions);
    Clock clock = Clock.systemUTC();
    try (WorkQueue q = openQueue(backends, spec.queue(), flags.create);
        WorkQueue poison = backends.poisonQueue(q);
        ResultTable results = factory.needsTable() ? backends.table(spec.table()) : null;
        BlobStore blobStore = flags.blobs == null ? null : backends.blobStore(flags.blobs)) {
      if (results != null && !results.exists()) {
        results.createIfMissing();
      }
      WorkQueue poisonOnDemand = new CreateOnSendQueue(poison);
      try (Processor p =
          factory.create(
              new ProcessorContext(
                  clock, blobStore, flags.processorOptions, flags.arguments, flags.concurrency))) {
        return run(q, poisonOnDemand, results, p, spec, clock);
      }
    }
  }

  /** Runs the worker to its end; the caller closes the processor afterwards. */
  private static Outcome run(
      WorkQueue q,
      WorkQueue poisonOnDemand,
      ResultTable results,
      Processor p,
      Spec spec,
      Clock clock)
      throws Exception {
    ConsumerFlags flags = spec.flags();
    PrometheusMeterRegistry registry =
        ProcessMetrics.withLintFilter(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    WorkerMetrics metrics =
        new WorkerMetrics(registry, q.name(), WorkerMetrics.messagingSystem(q.uri().scheme()));
    BuildInfo build = BuildInfo.load();
    AtomicReference<QueueWorker> running = new AtomicReference<>();
    OutageWatch watch =
        new OutageWatch(
            metrics,
            spec.outageBound() == null ? Duration.ofMillis(Long.MAX_VALUE) : spec.outageBound(),
            clock,
            () -> {
              log.error(
                  "{} has been unreachable for over {}: giving up", q.uri(), spec.outageBound());
              running.get().stop();
            });
    QueueWorker worker =
        new QueueWorker(q, poisonOnDemand, results, p, spec.options(), clock, watch);
    running.set(worker);
    metrics.watch(worker);
    try (ProcessMetrics process = new ProcessMetrics(registry, build.version(), build.commit());
        QueueDepthGauge depth =
            new QueueDepthGauge(
                registry, q, QueueDepthGauge.DEFAULT_INTERVAL, e -> metrics.loopError("depth", e));
        HealthServer health = startHealth(flags.metricsHost, spec.metricsPort(), registry, worker);
        AdminServer admin = startAdmin(flags.adminPort, worker);
        ConsumerProgress progress =
            new ConsumerProgress(
                registry,
                q.name(),
                worker::inFlight,
                depth::latest,
                flags.progressInterval,
                Terminal.interactive() ? System.err : null)) {
      announce(flags, health, admin);
      AtomicBoolean signalled = new AtomicBoolean();
      Signals.onTermination(
          () -> {
            signalled.set(true);
            worker.stop();
          });
      worker.start();
      QueueWorker.DrainReport report = worker.awaitTermination();
      writeFinalMetrics(flags.finalMetrics, registry);
      long poisoned = (long) registry.get("edw.messages.poisoned").counter().count();
      return new Outcome(q.uri().toString(), report, poisoned, signalled.get(), watch.lastError());
    }
  }

  /** {@code --final-metrics}: the last scrape, for a parent that scraped until now. */
  private static void writeFinalMetrics(Path file, PrometheusMeterRegistry registry) {
    if (file == null) {
      return;
    }
    try {
      AtomicFile.writeString(file, registry.scrape());
    } catch (IOException | RuntimeException e) {
      log.warn("cannot write the final metrics to {}: {}", file, e.toString());
    }
  }

  /** The queue to consume: created with --create, else it must exist (exit 3 names the fix). */
  private static WorkQueue openQueue(Backends backends, String uri, boolean create) {
    if (!create) {
      try {
        return backends.existingQueue(uri);
      } catch (ResourceNotFoundException e) {
        throw new ResourceNotFoundException(
            e.getMessage() + ": produce to it first, or pass --create to create it");
      }
    }
    WorkQueue q = backends.queue(uri);
    try {
      if (q.createIfMissing()) {
        log.info("created {}", q.uri());
      }
      return q;
    } catch (RuntimeException e) {
      q.close();
      throw e;
    }
  }

  private static AdminServer startAdmin(int port, QueueWorker worker) throws IOException {
    if (port < 0) {
      return null;
    }
    try {
      return new AdminServer(port, worker);
    } catch (BindException e) {
      throw new IllegalArgumentException(
          "port " + port + " for /admin is in use: pass --admin-port 0 (any free port)");
    }
  }

  /** Logs the bound ports once and writes them to {@code --port-file}, for a parent process. */
  private static void announce(ConsumerFlags flags, HealthServer health, AdminServer admin) {
    Integer metricsPort = health == null ? null : health.port();
    Integer adminPort = admin == null ? null : admin.port();
    if (metricsPort != null || adminPort != null) {
      log.info(
          "listening: metrics port {} on {}, admin port {} on 127.0.0.1",
          metricsPort == null ? "off" : metricsPort,
          flags.metricsHost,
          adminPort == null ? "off" : adminPort);
    }
    if (flags.portFile != null) {
      new PortFile(ProcessHandle.current().pid(), metricsPort, adminPort).write(flags.portFile);
    }
  }

  private static HealthServer startHealth(
      String host, int port, PrometheusMeterRegistry registry, QueueWorker worker)
      throws IOException {
    if (port < 0) {
      return null;
    }
    try {
      return new HealthServer(host, port, registry, worker::ready);
    } catch (BindException e) {
      throw new IllegalArgumentException(
          "port "
              + port
              + " for /metrics is in use: pass --metrics-port 0 (any free port)"
              + " or -1 (none)");
    }
  }
}
