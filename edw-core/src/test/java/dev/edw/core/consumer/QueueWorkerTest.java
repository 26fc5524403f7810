package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.processor.PoisonMessageException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.SeedMessages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker against a real SQLite file. */
class QueueWorkerTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Backends backends;
  private WorkQueue queue;
  private WorkQueue poison;
  private ResultTable table;
  private QueueWorker worker;
  private final Clock clock = Clock.systemUTC();

  @BeforeEach
  void open() {
    backends =
        new Backends(
            new BackendContext(Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db")), clock));
    queue = backends.queue("orders");
    poison = backends.queue("orders-poison");
    table = backends.table("results");
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

  private void sendSeedMessages(int count) {
    SeedMessages bodies = new SeedMessages(0);
    queue.send(
        IntStream.range(0, count)
            .mapToObj(i -> OutgoingMessage.of(bodies.body(i, clock.instant())))
            .toList());
  }

  private QueueWorker start(Processor processor, ConsumerOptions options) {
    worker = new QueueWorker(queue, poison, table, processor, options, clock, WorkerListener.NONE);
    return worker.start();
  }

  private static ConsumerOptions.Builder fast() {
    return ConsumerOptions.builder()
        .retry(Duration.ZERO, Duration.ZERO)
        .maxIdlePoll(Duration.ofMillis(20))
        .drainTimeout(Duration.ofSeconds(10));
  }

  @Test
  void every_message_gets_exactly_one_row_and_the_queue_ends_empty() throws Exception {
    sendSeedMessages(3_000);

    QueueWorker.DrainReport report =
        start(new RecordProcessor(clock), fast().untilEmpty(true).build()).awaitTermination(BOUND);

    assertThat(report).isNotNull();
    assertThat(report.completed()).isEqualTo(3_000);
    assertThat(table.count()).isEqualTo(3_000);
    assertThat(queue.depth().isEmpty()).isTrue();
    assertThat(poison.depth().isEmpty()).isTrue();
  }

  @Test
  void processor_that_always_fails_sends_the_message_to_poison_after_max_dequeue_with_reason()
      throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    queue.send(OutgoingMessage.of("doomed"));

    start(
        m -> {
          attempts.incrementAndGet();
          throw new IllegalStateException("downstream said no");
        },
        fast().maxDequeue(3).untilEmpty(true).build());
    worker.awaitTermination(BOUND);

    ReceivedMessage poisoned = poison.peek(1).get(0);
    var envelope = new ObjectMapper().readTree(poisoned.body());
    assertThat(attempts).hasValue(3);
    assertThat(envelope.get("body").asText()).isEqualTo("doomed");
    assertThat(envelope.get("reason").asText()).contains("downstream said no");
    assertThat(envelope.get("dequeueCount").asInt()).isEqualTo(3);
    assertThat(queue.depth().isEmpty()).isTrue();
  }

  @Test
  void malformed_json_goes_to_poison_while_good_messages_flow_on() throws Exception {
    queue.send(OutgoingMessage.of("{not json"));
    sendSeedMessages(200);

    start(new RecordProcessor(clock), fast().maxDequeue(2).untilEmpty(true).build())
        .awaitTermination(BOUND);

    assertThat(table.count()).isEqualTo(200);
    assertThat(poison.depth().visible()).isEqualTo(1);
    var envelope = new ObjectMapper().readTree(poison.peek(1).get(0).body());
    assertThat(envelope.get("reason").asText()).contains("not valid JSON");
    assertThat(envelope.get("dequeueCount").asInt()).isEqualTo(1);
  }

  @Test
  void a_failure_that_says_the_message_is_bad_poisons_it_on_its_first_attempt_with_its_reason()
      throws Exception {
    Map<String, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();
    RecordProcessor record = new RecordProcessor(clock);
    queue.send(List.of(OutgoingMessage.of("bad"), OutgoingMessage.of("wrapped")));
    sendSeedMessages(50);

    start(
            m -> {
              attempts.computeIfAbsent(m.body(), b -> new AtomicInteger()).incrementAndGet();
              return switch (m.body()) {
                case "bad" -> throw new PoisonMessageException("no retry can fix 'bad'");
                case "wrapped" ->
                    throw new IllegalStateException(
                        "the library wrapped it", new PoisonMessageException("nor 'wrapped'"));
                default -> record.process(m);
              };
            },
            fast().maxDequeue(5).untilEmpty(true).build())
        .awaitTermination(BOUND);

    assertThat(attempts.get("bad")).hasValue(1);
    assertThat(attempts.get("wrapped")).hasValue(1);
    assertThat(table.count()).isEqualTo(50);
    assertThat(queue.depth().isEmpty()).isTrue();
    Map<String, JsonNode> envelopes = new java.util.HashMap<>();
    for (ReceivedMessage m : poison.peek(10)) {
      JsonNode envelope = new ObjectMapper().readTree(m.body());
      envelopes.put(envelope.get("body").asText(), envelope);
    }
    assertThat(envelopes).containsOnlyKeys("bad", "wrapped");
    assertThat(envelopes.get("bad").get("dequeueCount").asInt()).isEqualTo(1);
    assertThat(envelopes.get("bad").get("reason").asText()).contains("no retry can fix 'bad'");
    assertThat(envelopes.get("wrapped").get("dequeueCount").asInt()).isEqualTo(1);
    assertThat(envelopes.get("wrapped").get("reason").asText()).contains("the library wrapped it");
  }

  @Test
  void a_refused_request_that_may_be_configuration_is_an_ordinary_attempt_retried_up_to_the_limit()
      throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    queue.send(OutgoingMessage.of("needs a store"));

    start(
            m -> {
              attempts.incrementAndGet();
              throw new InvalidInputException("the store: no credentials found");
            },
            fast().maxDequeue(3).untilEmpty(true).build())
        .awaitTermination(BOUND);

    assertThat(attempts).hasValue(3);
    assertThat(
            new ObjectMapper().readTree(poison.peek(1).get(0).body()).get("dequeueCount").asInt())
        .isEqualTo(3);
  }

  @Test
  void failure_is_retried_and_a_later_success_writes_one_row() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    RecordProcessor record = new RecordProcessor(clock);
    sendSeedMessages(1);

    start(
            m -> {
              if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("flaky");
              }
              return record.process(m);
            },
            fast().maxDequeue(5).untilEmpty(true).build())
        .awaitTermination(BOUND);

    assertThat(attempts).hasValue(3);
    assertThat(table.count()).isEqualTo(1);
    assertThat(poison.depth().isEmpty()).isTrue();
  }

  @Test
  void lease_is_extended_while_a_slow_message_runs_past_its_visibility_timeout() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    sendSeedMessages(1);
    RecordProcessor record = new RecordProcessor(clock);
    start(
        m -> {
          calls.incrementAndGet();
          started.countDown();
          assertThat(finish.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
          return record.process(m);
        },
        fast().visibility(Duration.ofSeconds(1)).build());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    await()
        .during(Duration.ofMillis(2_500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> queue.receive(1, Duration.ofSeconds(30), Duration.ZERO).isEmpty());
    finish.countDown();

    await().atMost(BOUND).until(() -> table.count() == 1 && queue.depth().isEmpty());
    assertThat(calls).hasValue(1);
  }

  @Test
  void drain_finishes_running_work_and_releases_prefetched_messages_at_once() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    RecordProcessor record = new RecordProcessor(clock);
    sendSeedMessages(10);
    start(
        m -> {
          started.countDown();
          assertThat(finish.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
          return record.process(m);
        },
        fast().concurrency(1).prefetch(20).build());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    await().atMost(BOUND).until(() -> queue.depth().inFlight() == 10);

    worker.stop();

    await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth().visible() == 9);
    finish.countDown();
    QueueWorker.DrainReport report = worker.awaitTermination(BOUND);
    assertThat(report.timedOut()).isFalse();
    assertThat(report.released()).isEqualTo(9);
    assertThat(table.count()).isEqualTo(1);
    assertThat(queue.depth().visible()).isEqualTo(9);
    assertThat(queue.depth().inFlight()).isZero();
  }

  @Test
  void concurrency_can_be_raised_while_running() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    RecordProcessor record = new RecordProcessor(clock);
    sendSeedMessages(20);
    start(
        m -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            assertThat(release.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            return record.process(m);
          } finally {
            running.decrementAndGet();
          }
        },
        fast().concurrency(1).prefetch(0).build());
    await().atMost(BOUND).until(() -> running.get() == 1);

    worker.setConcurrency(4);

    await().atMost(BOUND).until(() -> running.get() == 4);
    release.countDown();
    await().atMost(BOUND).until(() -> table.count() == 20);
    assertThat(peak.get()).isEqualTo(4);
  }

  @Test
  void messages_of_a_group_are_processed_in_order_while_groups_run_in_parallel() throws Exception {
    int groups = 5;
    int perGroup = 40;
    List<OutgoingMessage> messages = new java.util.ArrayList<>();
    for (int i = 0; i < perGroup; i++) {
      for (int g = 0; g < groups; g++) {
        messages.add(new OutgoingMessage("" + i, "g" + g, null, Duration.ZERO));
      }
    }
    queue.send(messages);
    Map<String, List<Integer>> seen = new java.util.concurrent.ConcurrentHashMap<>();
    CountDownLatch twoGroupsAtOnce = new CountDownLatch(2);

    start(
            m -> {
              if (m.body().equals("0")) {
                // the first message of each group waits until another group's first one runs
                twoGroupsAtOnce.countDown();
                assertThat(twoGroupsAtOnce.await(10, TimeUnit.SECONDS)).isTrue();
              }
              busyWork(m.body().hashCode() % 200_000);
              seen.computeIfAbsent(
                      m.groupId(),
                      g -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()))
                  .add(Integer.parseInt(m.body()));
              return ProcessResult.none();
            },
            fast().concurrency(8).untilEmpty(true).build())
        .awaitTermination(BOUND);

    assertThat(seen).hasSize(groups);
    for (List<Integer> order : seen.values()) {
      assertThat(order).hasSize(perGroup).isSorted();
    }
    assertThat(twoGroupsAtOnce.getCount()).isZero();
  }

  /** Spins for a while without sleeping, so processing times differ between messages. */
  private static long busyWork(int rounds) {
    long x = rounds;
    for (int i = 0; i < Math.abs(rounds); i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }

  @Test
  void missing_queue_is_a_clear_error_at_start() {
    WorkQueue missing = backends.queue("nope");
    QueueWorker w =
        new QueueWorker(
            missing,
            poison,
            table,
            m -> ProcessResult.none(),
            fast().build(),
            clock,
            WorkerListener.NONE);

    org.assertj.core.api.Assertions.assertThatThrownBy(w::start)
        .isInstanceOf(dev.edw.api.ResourceNotFoundException.class)
        .hasMessageContaining("nope");
    missing.close();
  }

  @Test
  void max_messages_stops_after_exactly_that_many() throws Exception {
    sendSeedMessages(50);

    QueueWorker.DrainReport report =
        start(new RecordProcessor(clock), fast().maxMessages(20).build()).awaitTermination(BOUND);

    assertThat(report.completed()).isEqualTo(20);
    assertThat(table.count()).isEqualTo(20);
    assertThat(queue.depth().visible()).isEqualTo(30);
    assertThat(queue.depth().inFlight()).isZero();
  }

  @Test
  void options_reject_inconsistent_values_with_clear_messages() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ConsumerOptions.builder()
                    .retry(Duration.ofSeconds(5), Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("retryBase");
    assertThat(
            ConsumerOptions.builder()
                .retry(Duration.ofSeconds(1), Duration.ofSeconds(10))
                .build()
                .retryDelay(3))
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(List.of(1)).hasSize(1);
  }
}
