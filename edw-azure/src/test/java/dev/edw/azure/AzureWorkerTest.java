package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runtime (producer, worker, record processor) on an Azurite queue and table, in process. */
@Tag("azure")
class AzureWorkerTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  private static final AzureBackendProvider PROVIDER = new AzureBackendProvider();
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final Clock clock = Clock.systemUTC();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private WorkQueue queue;
  private WorkQueue poison;
  private ResultTable table;
  private QueueWorker worker;

  @BeforeEach
  void open() {
    Azurite azurite = AZURITE.azurite();
    BackendContext context = new BackendContext(Map.of(), clock);
    String name = "worker" + NAMES.incrementAndGet() + "x" + ProcessHandle.current().pid();
    queue = PROVIDER.openQueue(azurite.uri("azure-queue", name), context);
    poison = PROVIDER.openQueue(azurite.uri("azure-queue", queue.poisonQueueName()), context);
    table = PROVIDER.openTable(azurite.uri("azure-table", name), context);
    queue.createIfMissing();
    poison.createIfMissing();
    table.createIfMissing();
  }

  @AfterEach
  void close() throws InterruptedException {
    if (worker != null) {
      worker.stop();
      worker.awaitTermination(BOUND);
    }
    queue.close();
    poison.close();
    table.close();
  }

  private QueueWorker start(Processor processor, ConsumerOptions options) {
    worker =
        new QueueWorker(
            queue,
            poison,
            table,
            processor,
            options,
            clock,
            new WorkerMetrics(registry, queue.name()));
    return worker.start();
  }

  private static ConsumerOptions.Builder fast() {
    return ConsumerOptions.builder()
        .concurrency(16)
        .prefetch(32)
        .retry(Duration.ofMillis(50), Duration.ofMillis(200))
        .maxIdlePoll(Duration.ofMillis(50))
        .drainTimeout(Duration.ofSeconds(20));
  }

  private void produce(long count) throws InterruptedException {
    new Producer(queue, new ProducerOptions(count, null, 0, 0, 32, 16, 0), clock).run(n -> {});
  }

  private List<String> rowData() {
    return table.query(TableQuery.all(100_000)).stream()
        .map(Entity::properties)
        .map(p -> (String) p.get("data"))
        .toList();
  }

  private static String[] seedData(long count) {
    return LongStream.range(0, count).mapToObj(i -> "message " + i).toArray(String[]::new);
  }

  private double counter(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void produced_messages_each_get_exactly_one_row_and_both_queues_end_empty() throws Exception {
    produce(500);

    QueueWorker.DrainReport report =
        start(new RecordProcessor(clock), fast().untilEmpty(true).build()).awaitTermination(BOUND);

    assertThat(report).isNotNull();
    assertThat(report.completed()).isEqualTo(500);
    assertThat(rowData()).containsExactlyInAnyOrder(seedData(500));
    assertThat(queue.depth().isEmpty()).isTrue();
    assertThat(poison.depth().isEmpty()).isTrue();
    assertThat(counter("edw.messages.processed")).isEqualTo(500);
  }

  @Test
  void malformed_json_lands_in_the_poison_queue_with_its_reason_while_the_rest_flow_on()
      throws Exception {
    queue.send(OutgoingMessage.of("{not json"));
    produce(50);

    start(new RecordProcessor(clock), fast().maxDequeue(2).untilEmpty(true).build())
        .awaitTermination(BOUND);

    List<ReceivedMessage> poisoned = poison.receive(32, Duration.ofSeconds(30), Duration.ZERO);
    assertThat(poisoned).hasSize(1);
    var envelope = new ObjectMapper().readTree(poisoned.get(0).body());
    assertThat(envelope.get("body").asText()).isEqualTo("{not json");
    assertThat(envelope.get("reason").asText()).contains("not valid JSON");
    // bad input: poisoned on its first attempt, although two are allowed
    assertThat(envelope.get("dequeueCount").asInt()).isEqualTo(1);
    assertThat(rowData()).containsExactlyInAnyOrder(seedData(50));
    assertThat(queue.depth().isEmpty()).isTrue();
    assertThat(counter("edw.messages.poisoned")).isEqualTo(1);
  }

  @Test
  void message_slower_than_its_visibility_timeout_keeps_its_lease_and_is_processed_once()
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    RecordProcessor record = new RecordProcessor(clock);
    produce(1);
    start(
        m -> {
          calls.incrementAndGet();
          started.countDown();
          assertThat(finish.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
          return record.process(m);
        },
        fast().visibility(Duration.ofSeconds(2)).build());
    assertThat(started.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

    // Three timeouts long, another receiver finds nothing: the lease was renewed each time, and
    // each renewal's new pop receipt was used for the next one.
    await()
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> queue.receive(1, Duration.ofSeconds(30), Duration.ZERO).isEmpty());
    finish.countDown();

    await().atMost(BOUND).until(() -> worker.completed() == 1);
    assertThat(calls).hasValue(1);
    assertThat(rowData()).containsExactly("message 0");
    assertThat(queue.depth().isEmpty()).isTrue();
    assertThat(counter("edw.leases.extended")).isGreaterThanOrEqualTo(3);
    assertThat(counter("edw.leases.lost")).isZero();
  }

  @Test
  void stop_releases_prefetched_messages_at_once_and_lets_the_running_one_finish()
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    RecordProcessor record = new RecordProcessor(clock);
    produce(6);
    start(
        m -> {
          started.countDown();
          assertThat(finish.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
          return record.process(m);
        },
        fast().concurrency(1).prefetch(10).visibility(Duration.ofMinutes(5)).build());
    assertThat(started.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    await().atMost(BOUND).until(() -> worker.inFlight() == 6);

    worker.stop();

    // Long before their five-minute lease would end, the five not started are visible again.
    List<ReceivedMessage> released = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              released.addAll(queue.receive(32, Duration.ofMinutes(5), Duration.ZERO));
              return released.size() >= 5;
            });
    assertThat(worker.awaitTermination(Duration.ofMillis(1))).isNull();
    finish.countDown();
    QueueWorker.DrainReport report = worker.awaitTermination(BOUND);

    assertThat(released).hasSize(5);
    assertThat(report.released()).isEqualTo(5);
    assertThat(report.completed()).isEqualTo(1);
    assertThat(report.timedOut()).isFalse();
    assertThat(rowData()).hasSize(1);
  }
}
