package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.consumer.QueueWorker;
import dev.edw.core.metrics.WorkerMetrics;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.Producer;
import dev.edw.core.producer.ProducerOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Azurite, keeping its data on disk, goes down in the middle of a consumer run and comes back on
 * the same ports: the worker rides it out and nothing is lost.
 */
@Tag("azure")
@Tag("slow")
class AzureWorkerOutageTest {
  private static final AzureBackendProvider PROVIDER = new AzureBackendProvider();
  private static final String[] FAST = {"maxTries=2", "retryDelayMs=50", "tryTimeoutMs=5000"};
  private static final int MESSAGES = 500;
  private static final Duration BOUND = Duration.ofMinutes(3);

  /** Tries of one result batch the writer makes in process while the table is down, at least. */
  private static final int RESULT_WRITER_ATTEMPTS = 3;

  private final Clock clock = Clock.systemUTC();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger consumerLog = (Logger) LoggerFactory.getLogger("dev.edw.core.consumer");
  private Azurite azurite;
  private WorkQueue queue;
  private WorkQueue poison;
  private ResultTable table;
  private QueueWorker worker;

  @BeforeEach
  void open() {
    azurite = Azurite.startPersistent();
    BackendContext context = new BackendContext(Map.of(), clock);
    queue = PROVIDER.openQueue(azurite.uri("azure-queue", "outage", FAST), context);
    poison = PROVIDER.openQueue(azurite.uri("azure-queue", "outage-poison", FAST), context);
    table = PROVIDER.openTable(azurite.uri("azure-table", "outage", FAST), context);
    queue.createIfMissing();
    poison.createIfMissing();
    table.createIfMissing();
    logs.start();
    consumerLog.addAppender(logs);
  }

  @AfterEach
  void close() throws InterruptedException {
    consumerLog.detachAppender(logs);
    if (worker != null) {
      worker.stop();
      worker.awaitTermination(BOUND);
    }
    queue.close();
    poison.close();
    table.close();
    azurite.close();
  }

  private double outages(String source) {
    return registry.find("edw.outages").tag("source", source).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private double loopErrors(String loop) {
    return registry.find("edw.loop.errors").tag("loop", loop).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  @Test
  void azurite_going_down_mid_run_and_coming_back_loses_nothing_and_is_reported() throws Exception {
    new Producer(queue, new ProducerOptions(MESSAGES, null, 0, 0, 32, 16, 0), clock).run(n -> {});
    // Holds processing at the outage's start, so that work is in flight while Azurite is down.
    AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    AtomicInteger held = new AtomicInteger();
    RecordProcessor record = new RecordProcessor(clock);
    Processor processor =
        m -> {
          CountDownLatch gate = hold.get();
          if (gate != null) {
            held.incrementAndGet();
            assertThat(gate.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
          }
          return record.process(m);
        };
    ConsumerOptions options =
        ConsumerOptions.builder()
            .concurrency(8)
            .prefetch(32)
            .visibility(Duration.ofSeconds(5))
            .retry(Duration.ofMillis(100), Duration.ofSeconds(1))
            .maxIdlePoll(Duration.ofMillis(100))
            .untilEmpty(true)
            .build();
    worker =
        new QueueWorker(
                queue,
                poison,
                table,
                processor,
                options,
                clock,
                new WorkerMetrics(registry, queue.name()))
            .start();
    await().atMost(BOUND).until(() -> worker.completed() >= MESSAGES / 5);
    CountDownLatch gate = new CountDownLatch(1);
    hold.set(gate);
    await().atMost(BOUND).until(() -> held.get() >= options.concurrency());

    azurite.stop();
    hold.set(null);
    gate.countDown();
    // Down long enough for the result writer to retry its batch in process a few times (an
    // outage never counts toward poison) and a lease renewal to fail. The poller need not fail:
    // while the writer holds every permit it has no room to receive.
    await("the worker rides out the outage")
        .atMost(BOUND)
        .until(() -> outages("write") >= RESULT_WRITER_ATTEMPTS && loopErrors("lease") >= 1);
    long completedDuringOutage = worker.completed();
    azurite.restart();
    QueueWorker.DrainReport report = worker.awaitTermination(BOUND);

    assertThat(report).as("the worker finished the queue after the outage").isNotNull();
    assertThat(completedDuringOutage).isLessThan(MESSAGES);
    assertThat(
            table.query(TableQuery.all(100_000)).stream()
                .map(Entity::properties)
                .map(p -> p.get("data")))
        .containsExactlyInAnyOrder(
            LongStream.range(0, MESSAGES).mapToObj(i -> "message " + i).toArray());
    assertThat(queue.depth().isEmpty()).isTrue();
    assertThat(poison.depth().isEmpty()).isTrue();
    // Reported: the writer's in-process retries as outages, the failed renewal as a loop error.
    // (How often the poller fails too depends on timing, so the total is not fixed.)
    assertThat(outages("write")).isGreaterThanOrEqualTo(RESULT_WRITER_ATTEMPTS);
    assertThat(loopErrors("lease")).isGreaterThanOrEqualTo(1);
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            m -> assertThat(m).startsWith("writing ").contains("failed (").contains("retrying in"));
  }
}
