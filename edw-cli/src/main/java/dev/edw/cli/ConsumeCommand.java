package dev.edw.cli;

import dev.edw.api.blob.BlobStore;
import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.consumer.QueueWorker;
import dev.edw.core.http.HealthServer;
import dev.edw.core.metrics.WorkerMetrics;
import dev.edw.core.processor.Processors;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edw consume}: one consumer replica. */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = {
      "Consume a queue: process each message, write its result, then acknowledge it.",
      "Leases are extended while work runs; failures are retried with back-off and moved to"
          + " <queue>-poison after --max-dequeue attempts.",
      "SIGTERM or SIGINT drains: no new receives, unstarted messages released at once, running"
          + " ones finished within --drain-timeout; exit 0."
    })
final class ConsumeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ConsumeCommand.class);

  @Mixin QueueOption queue;
  @Mixin TableOption table;

  @Option(
      names = {"-p", "--processor"},
      description = "Processor name. Default: ${DEFAULT-VALUE}.",
      defaultValue = "record")
  String processor;

  @Option(
      names = "--blobs",
      paramLabel = "URI",
      description = "Blob store for processors that read or write blobs.")
  String blobs;

  @Option(
      names = "--processor-option",
      paramLabel = "KEY=VALUE",
      description = "Setting passed to the processor; repeatable.")
  Map<String, String> processorOptions = new LinkedHashMap<>();

  @Option(
      names = {"-c", "--concurrency"},
      description = "Messages processed at once. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + ConsumerOptions.DEFAULT_CONCURRENCY)
  int concurrency;

  @Option(
      names = "--prefetch",
      description = "Messages received ahead of processing. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + ConsumerOptions.DEFAULT_PREFETCH)
  int prefetch;

  @Option(
      names = "--visibility",
      description = "Lease per message, renewed while it runs. Default: 30s.",
      defaultValue = "30s")
  Duration visibility;

  @Option(
      names = "--max-dequeue",
      description = "Attempts before a message goes to <queue>-poison. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + ConsumerOptions.DEFAULT_MAX_DEQUEUE)
  int maxDequeue;

  @Option(
      names = "--retry-delay",
      description = "First retry back-off; doubles per attempt. Default: 1s.",
      defaultValue = "1s")
  Duration retryDelay;

  @Option(
      names = "--max-retry-delay",
      description = "Longest retry back-off. Default: 60s.",
      defaultValue = "60s")
  Duration maxRetryDelay;

  @Option(
      names = "--drain-timeout",
      description = "How long a drain waits for running messages. Default: 25s.",
      defaultValue = "25s")
  Duration drainTimeout;

  @Option(
      names = "--max-idle-poll",
      description = "Longest wait between receives on an empty queue. Default: 1s.",
      defaultValue = "1s")
  Duration maxIdlePoll;

  @Option(
      names = "--write-batch",
      description = "Most results per group commit. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + ConsumerOptions.DEFAULT_WRITE_BATCH)
  int writeBatch;

  @Option(
      names = "--until-empty",
      description = "Exit 0 once nothing is visible or in flight (for Kubernetes Jobs).")
  boolean untilEmpty;

  @Option(
      names = "--max-messages",
      description = "Exit 0 after this many messages completed; 0 for no limit.",
      defaultValue = "0")
  long maxMessages;

  @Option(
      names = "--metrics-port",
      description =
          "Port of /healthz, /readyz and /metrics; 0 picks one, -1 turns them off. Default: $EDW_METRICS_PORT, else ${DEFAULT-VALUE}.",
      defaultValue = "${env:EDW_METRICS_PORT:-9400}")
  int metricsPort;

  @Option(
      names = "--metrics-host",
      description = "Address the endpoints listen on. Default: ${DEFAULT-VALUE}.",
      defaultValue = "0.0.0.0")
  String metricsHost;

  @Override
  public Integer call() throws Exception {
    ConsumerOptions options =
        ConsumerOptions.builder()
            .concurrency(concurrency)
            .prefetch(prefetch)
            .visibility(visibility)
            .maxDequeue(maxDequeue)
            .retry(retryDelay, maxRetryDelay)
            .drainTimeout(drainTimeout)
            .maxIdlePoll(maxIdlePoll)
            .writeBatch(writeBatch)
            .untilEmpty(untilEmpty)
            .maxMessages(maxMessages)
            .build();
    Backends backends = Backends.system();
    ProcessorFactory factory = new Processors().get(processor);
    Clock clock = Clock.systemUTC();
    try (WorkQueue q = backends.queue(queue.resolve(backends));
        WorkQueue poison = backends.poisonQueue(q);
        ResultTable results =
            factory.needsTable() ? backends.table(table.resolve(backends)) : null;
        BlobStore blobStore = blobs == null ? null : backends.blobStore(blobs)) {
      if (results != null) {
        results.createIfMissing();
      }
      poison.createIfMissing();
      Processor p = factory.create(new ProcessorContext(clock, blobStore, processorOptions));
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      QueueWorker worker =
          new QueueWorker(
              q, poison, results, p, options, clock, new WorkerMetrics(registry, q.name()));
      try (HealthServer health = startHealth(registry, worker)) {
        Signals.onTermination(worker::stop);
        worker.start();
        QueueWorker.DrainReport report = worker.awaitTermination();
        System.err.printf(
            "consumed %s: %d message(s) completed, %d released, drain %s%n",
            q.uri(),
            report.completed(),
            report.released(),
            report.timedOut() ? "timed out" : "clean");
        return report.timedOut() ? Main.EXIT_FAILURE : Main.EXIT_OK;
      }
    }
  }

  private HealthServer startHealth(PrometheusMeterRegistry registry, QueueWorker worker)
      throws java.io.IOException {
    if (metricsPort < 0) {
      return null;
    }
    try {
      HealthServer server = new HealthServer(metricsHost, metricsPort, registry, worker::ready);
      log.info("health and metrics on http://{}:{}/metrics", metricsHost, server.port());
      return server;
    } catch (java.net.BindException e) {
      throw new IllegalArgumentException(
          "port "
              + metricsPort
              + " for /metrics is in use: pass --metrics-port 0 (any free port)"
              + " or -1 (none)");
    }
  }
}
