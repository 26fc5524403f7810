package dev.edw.up.replica;

import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.consumer.QueueWorker;
import dev.edw.core.metrics.WorkerMetrics;
import dev.edw.core.processor.Processors;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each replica as a {@link QueueWorker} in this JVM ({@code --replicas-as threads}): cheaper
 * than processes, but a replica cannot be killed from outside.
 */
public final class ThreadReplicaLauncher implements ReplicaLauncher {
  private static final Logger log = LoggerFactory.getLogger(ThreadReplicaLauncher.class);

  private final Backends backends;
  private final String queue;
  private final String table;
  private final String processor;
  private final Map<String, String> processorOptions;
  private final ConsumerOptions options;
  private final Clock clock;

  public ThreadReplicaLauncher(
      Backends backends,
      String queue,
      String table,
      String processor,
      Map<String, String> processorOptions,
      ConsumerOptions options,
      Clock clock) {
    this.backends = backends;
    this.queue = queue;
    this.table = table;
    this.processor = processor;
    this.processorOptions = Map.copyOf(processorOptions);
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Replica launch(String name, boolean job) {
    ProcessorFactory factory = new Processors().get(processor);
    WorkQueue q = backends.queue(queue);
    WorkQueue poison = backends.poisonQueue(q);
    ResultTable results = factory.needsTable() ? backends.table(table) : null;
    if (results != null) {
      results.createIfMissing();
    }
    poison.createIfMissing();
    Processor p = factory.create(new ProcessorContext(clock, null, processorOptions));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WorkerMetrics metrics = new WorkerMetrics(registry, q.name());
    ConsumerOptions opts = job ? options.toBuilder().untilEmpty(true).build() : options;
    QueueWorker worker = new QueueWorker(q, poison, results, p, opts, clock, metrics).start();
    Thread closer =
        Thread.ofVirtual()
            .name("edw-up-" + name)
            .start(
                () -> {
                  try {
                    worker.awaitTermination();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    closeQuietly(name, p);
                    q.close();
                    poison.close();
                    if (results != null) {
                      results.close();
                    }
                  }
                });
    log.info("started {} as a thread", name);
    return new ThreadReplica(name, worker, registry, closer);
  }

  /** The processor is closed once its worker has stopped, as {@code edw consume} does. */
  private static void closeQuietly(String name, Processor p) {
    try {
      p.close();
    } catch (Exception e) {
      log.warn("closing the processor of {} failed", name, e);
    }
  }

  private static final class ThreadReplica implements Replica {
    private final String name;
    private final QueueWorker worker;
    private final PrometheusMeterRegistry registry;
    private final Thread closer;

    ThreadReplica(
        String name, QueueWorker worker, PrometheusMeterRegistry registry, Thread closer) {
      this.name = name;
      this.worker = worker;
      this.registry = registry;
      this.closer = closer;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean alive() {
      return closer.isAlive();
    }

    @Override
    public boolean ready() {
      return worker.ready();
    }

    @Override
    public void terminate() {
      worker.stop();
    }

    @Override
    public void kill() {
      worker.stop();
    }

    @Override
    public void refresh() {}

    /** Read from its own registry's Prometheus page, as a process replica's is scraped. */
    @Override
    public ReplicaStats stats() {
      ReplicaStats page = PrometheusText.parse(registry.scrape());
      return new ReplicaStats(worker.completed(), page.endToEnd());
    }
  }
}
