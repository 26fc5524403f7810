package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.BackendUnavailableException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.processor.PoisonMessageException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ForwardingWorkQueue;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ForwardingResultTable;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.core.metrics.WorkerMetrics;
import dev.edw.testkit.fault.FaultKind;
import dev.edw.testkit.fault.FaultOptions;
import dev.edw.testkit.fault.Faults;
import dev.edw.testkit.fault.FaultyWorkQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker against a real SQLite file, with faults injected around it. */
class QueueWorkerFaultsTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private WorkQueue queue;
  private WorkQueue poison;
  private ResultTable table;
  private QueueWorker worker;

  @BeforeEach
  void open() {
    Backends backends =
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

  private static ConsumerOptions.Builder fast() {
    return ConsumerOptions.builder()
        .retry(Duration.ZERO, Duration.ZERO)
        .maxIdlePoll(Duration.ofMillis(20))
        .drainTimeout(Duration.ofSeconds(10))
        .untilEmpty(true);
  }

  private QueueWorker run(
      WorkQueue q, ResultTable t, Processor p, ConsumerOptions o, WorkerListener l)
      throws InterruptedException {
    worker = new QueueWorker(q, poison, t, p, o, clock, l).start();
    assertThat(worker.awaitTermination(BOUND)).as("the worker finished").isNotNull();
    return worker;
  }

  private static Processor rowPerMessage() {
    return m -> ProcessResult.of(new Entity("p", m.body(), Map.of("body", m.body())));
  }

  private void send(int count) {
    queue.send(IntStream.range(0, count).mapToObj(i -> OutgoingMessage.of("m" + i)).toList());
  }

  private double meter(String name, String tag, String value) {
    return registry.find(name).tag(tag, value).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  @Test
  void an_acknowledgement_that_throws_after_deleting_finishes_each_message_once() throws Exception {
    // the double-finish defect: 10 messages gave completed=12 and inFlight=-1, and a job hung
    send(10);
    AtomicInteger deletes = new AtomicInteger();
    WorkQueue brokenAck =
        new ForwardingWorkQueue(queue) {
          @Override
          public List<ReceiptResult> delete(List<Receipt> receipts) {
            List<ReceiptResult> results = delegate.delete(receipts);
            if (deletes.incrementAndGet() == 1) {
              throw new IllegalStateException("an SDK bug after the delete went through");
            }
            return results;
          }
        };

    QueueWorker w =
        run(brokenAck, table, rowPerMessage(), fast().writeBatch(4).build(), WorkerListener.NONE);

    assertThat(w.completed()).isEqualTo(10);
    assertThat(w.inFlight()).isZero();
    assertThat(table.count()).isEqualTo(10);
    assertThat(queue.depth().isEmpty()).isTrue();
  }

  @Test
  void a_give_back_that_throws_loses_track_of_no_other_message_of_its_batch() throws Exception {
    // the Redis pipeline under faults left 76 messages leased for good: a batch write failed, the
    // writer tried the rows one by one, the first row's outage gave its message back, that
    // give-back threw an unmapped exception, and the rest of the batch was never finished while
    // their leases were renewed
    send(20);
    Duration visibility = Duration.ofSeconds(1);
    AtomicInteger upserts = new AtomicInteger();
    ResultTable brokenThenDown =
        new ForwardingResultTable(table) {
          @Override
          public void upsert(List<Entity> entities) {
            if (upserts.incrementAndGet() <= 11) {
              if (entities.size() > 1) {
                throw new IllegalStateException("an SDK bug on a batch");
              }
              throw new BackendUnavailableException("injected outage", null);
            }
            delegate.upsert(entities);
          }
        };
    WorkQueue giveBackThrows =
        new ForwardingWorkQueue(queue) {
          @Override
          public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration v) {
            if (v.compareTo(visibility) < 0) { // a give-back, not a renewal
              throw new IllegalStateException("an SDK bug while giving messages back");
            }
            return delegate.changeVisibility(receipts, v);
          }
        };

    QueueWorker w =
        run(
            giveBackThrows,
            brokenThenDown,
            rowPerMessage(),
            fast().writeBatch(10).visibility(visibility).maxDequeue(1).build(),
            WorkerListener.NONE);

    assertThat(table.count()).isEqualTo(20);
    assertThat(w.inFlight()).isZero();
    assertThat(queue.depth().isEmpty()).isTrue();
    assertThat(poison.depth().isEmpty()).isTrue();
  }

  @Test
  void batch_results_out_of_order_or_short_are_matched_by_receipt_not_position() throws Exception {
    // a backend may answer a batch delete in another order, or leave items out: before, the
    // acknowledger paired results by index and failed whole batches (ArrayIndexOutOfBounds)
    send(60);
    AtomicInteger calls = new AtomicInteger();
    WorkQueue reordering =
        new ForwardingWorkQueue(queue) {
          @Override
          public List<ReceiptResult> delete(List<Receipt> receipts) {
            List<ReceiptResult> results = new java.util.ArrayList<>(delegate.delete(receipts));
            java.util.Collections.reverse(results);
            if (calls.incrementAndGet() % 2 == 1 && results.size() > 1) {
              results.remove(0); // done, but unreported: the retry finds it gone
            }
            return results;
          }
        };

    QueueWorker w =
        run(
            reordering,
            table,
            rowPerMessage(),
            fast().writeBatch(8).build(),
            new WorkerMetrics(registry, "orders"));

    assertThat(w.completed()).isEqualTo(60);
    assertThat(w.inFlight()).isZero();
    assertThat(table.count()).isEqualTo(60);
    assertThat(queue.depth().isEmpty()).isTrue();
    assertThat(meter("edw.loop.errors", "loop", "acknowledge")).isZero();
  }

  @Test
  void a_table_outage_is_retried_in_process_and_poisons_nothing() throws Exception {
    send(20);
    AtomicInteger upserts = new AtomicInteger();
    ResultTable flaky =
        new ForwardingResultTable(table) {
          @Override
          public void upsert(List<Entity> entities) {
            if (upserts.incrementAndGet() <= 4) {
              throw new BackendUnavailableException("SQLITE_FULL: database or disk is full", null);
            }
            delegate.upsert(entities);
          }
        };

    run(
        queue,
        flaky,
        rowPerMessage(),
        fast().maxDequeue(1).build(),
        new WorkerMetrics(registry, "orders"));

    assertThat(table.count()).isEqualTo(20);
    assertThat(poison.depth().isEmpty()).isTrue();
    assertThat(queue.depth().isEmpty()).isTrue();
    assertThat(meter("edw.outages", "source", "write")).isEqualTo(4);
    assertThat(meter("edw.messages.failed", "queue", "orders")).isZero();
  }

  @Test
  void a_processor_whose_store_is_down_is_retried_in_process_and_never_poisoned() throws Exception {
    send(5);
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    Processor blobsDown =
        m -> {
          if (calls.computeIfAbsent(m.body(), b -> new AtomicInteger()).incrementAndGet() <= 2) {
            throw new BackendUnavailableException("blob store: connection refused", null);
          }
          return rowPerMessage().process(m);
        };

    run(queue, table, blobsDown, fast().maxDequeue(1).build(), new WorkerMetrics(registry, "o"));

    assertThat(table.count()).isEqualTo(5);
    assertThat(poison.depth().isEmpty()).isTrue();
    assertThat(meter("edw.outages", "source", "process")).isEqualTo(10);
  }

  @Test
  void the_next_message_of_a_group_waits_until_the_previous_result_is_durable() throws Exception {
    queue.send(
        List.of(
            new OutgoingMessage("first", "g", null, Duration.ZERO),
            new OutgoingMessage("second", "g", null, Duration.ZERO)));
    List<String> events = new CopyOnWriteArrayList<>();
    ResultTable refusesFirst =
        new ForwardingResultTable(table) {
          @Override
          public void upsert(List<Entity> entities) {
            for (Entity e : entities) {
              if (e.rowKey().equals("first")) {
                events.add("write failed: first");
                throw new InvalidInputException("row too large", null);
              }
            }
            delegate.upsert(entities);
            entities.forEach(e -> events.add("written: " + e.rowKey()));
          }
        };
    Processor recording =
        m -> {
          events.add("processing: " + m.body());
          return rowPerMessage().process(m);
        };

    run(
        queue,
        refusesFirst,
        recording,
        fast().concurrency(4).maxDequeue(1).build(),
        WorkerListener.NONE);

    // the batch write fails, then the writer narrows it down to the first message's own row
    assertThat(events)
        .containsSubsequence(
            "processing: first", "write failed: first", "processing: second", "written: second")
        .containsOnlyOnce("processing: first", "processing: second");
    assertThat(events.indexOf("processing: second"))
        .isGreaterThan(events.lastIndexOf("write failed: first"));
    assertThat(poison.depth().visible()).isEqualTo(1);
  }

  @Test
  void a_hung_processor_fails_past_the_processing_timeout_with_that_reason() throws Exception {
    queue.send(OutgoingMessage.of("hangs"));
    Processor hangs =
        m -> {
          new CountDownLatch(1).await();
          return ProcessResult.none();
        };

    QueueWorker w =
        run(
            queue,
            table,
            hangs,
            fast().maxDequeue(1).processingTimeout(Duration.ofMillis(300)).build(),
            WorkerListener.NONE);

    var envelope = new ObjectMapper().readTree(poison.peek(1).get(0).body());
    assertThat(envelope.get("reason").asText())
        .contains("ProcessingTimeoutException")
        .contains("--processing-timeout");
    assertThat(w.inFlight()).isZero();
    assertThat(queue.depth().isEmpty()).isTrue();
  }

  @Test
  void
      a_message_whose_move_to_poison_keeps_failing_stays_in_its_queue_and_is_poisoned_once_it_heals()
          throws Exception {
    Faults poisonDown = new Faults(FaultOptions.NONE.only(FaultKind.UNMAPPED, 1.0));
    AtomicInteger attempts = new AtomicInteger();
    QueueWorker w = startWithBadMessage(queue, new FaultyWorkQueue(poison, poisonDown), attempts);

    // every move fails: the message is given back with a back-off and tried again, never lost
    await().atMost(BOUND).until(() -> meter("edw.loop.errors", "loop", "poison") >= 3);
    await().atMost(BOUND).until(() -> table.count() == 20);
    assertThat(waitingOrLeased(queue)).isEqualTo(1);
    assertThat(poison.depth().isEmpty()).isTrue();
    assertThat(w.ready()).isTrue();

    poisonDown.enabled(false);
    await()
        .atMost(BOUND)
        .until(() -> poison.depth().visible() == 1 && queue.depth().isEmpty() && w.inFlight() == 0);
    assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
    assertThat(new ObjectMapper().readTree(poison.peek(1).get(0).body()).get("body").asText())
        .isEqualTo("bad");
    assertThat(w.ready()).isTrue();
  }

  @Test
  void a_message_whose_move_to_poison_and_give_back_both_fail_comes_back_when_its_lease_expires()
      throws Exception {
    Faults poisonDown = new Faults(FaultOptions.NONE.only(FaultKind.UNMAPPED, 1.0));
    java.util.concurrent.atomic.AtomicBoolean releaseFails =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    WorkQueue noRelease =
        new ForwardingWorkQueue(queue) {
          @Override
          public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration v) {
            if (releaseFails.get()) {
              throw new IllegalStateException("an SDK bug while giving the message back");
            }
            return delegate.changeVisibility(receipts, v);
          }
        };
    AtomicInteger attempts = new AtomicInteger();
    QueueWorker w =
        startWithBadMessage(noRelease, new FaultyWorkQueue(poison, poisonDown), attempts);

    // neither the move nor the give-back works: the message's lease runs out and it comes back
    await().atMost(BOUND).until(() -> attempts.get() >= 2 && w.inFlight() == 0);
    assertThat(waitingOrLeased(queue)).isEqualTo(1);

    poisonDown.enabled(false);
    releaseFails.set(false);
    await()
        .atMost(BOUND)
        .until(() -> poison.depth().visible() == 1 && queue.depth().isEmpty() && w.inFlight() == 0);
    assertThat(table.count()).isEqualTo(20);
    assertThat(w.ready()).isTrue();
  }

  private static long waitingOrLeased(WorkQueue q) {
    var depth = q.depth();
    return depth.visible() + depth.inFlight();
  }

  /**
   * Starts a worker on {@code source} (1 bad message, 20 good ones) that poisons through {@code
   * poisonQueue}, with 1 s leases and a back-off of 100 ms doubling to 1 s.
   */
  private QueueWorker startWithBadMessage(
      WorkQueue source, WorkQueue poisonQueue, AtomicInteger attempts) {
    queue.send(OutgoingMessage.of("bad"));
    send(20);
    Processor processor =
        m -> {
          if (m.body().equals("bad")) {
            attempts.incrementAndGet();
            throw new PoisonMessageException("no retry can fix it");
          }
          return rowPerMessage().process(m);
        };
    ConsumerOptions options =
        fast()
            .untilEmpty(false)
            .maxDequeue(3)
            .visibility(Duration.ofSeconds(1))
            .retry(Duration.ofMillis(100), Duration.ofSeconds(1))
            .build();
    worker =
        new QueueWorker(
                source,
                poisonQueue,
                table,
                processor,
                options,
                clock,
                new WorkerMetrics(registry, "orders"))
            .start();
    return worker;
  }

  @Test
  void listeners_that_throw_on_every_event_break_nothing() throws Exception {
    send(50);
    WorkerListener broken =
        new WorkerListener() {
          @Override
          public void received(int count) {
            throw new IllegalStateException("received");
          }

          @Override
          public void processed(dev.edw.api.queue.ReceivedMessage m, Duration d) {
            throw new IllegalStateException("processed");
          }

          @Override
          public void completed(dev.edw.api.queue.ReceivedMessage m, Duration d) {
            throw new IllegalStateException("completed");
          }

          @Override
          public void inFlight(int count) {
            throw new IllegalStateException("inFlight");
          }

          @Override
          public void polled(int count) {
            throw new IllegalStateException("polled");
          }
        };

    QueueWorker w = run(queue, table, rowPerMessage(), fast().concurrency(3).build(), broken);

    assertThat(w.completed()).isEqualTo(50);
    assertThat(table.count()).isEqualTo(50);
  }

  @Test
  void readiness_reports_a_running_worker_and_its_status() throws Exception {
    send(3);
    CountDownLatch release = new CountDownLatch(1);
    worker =
        new QueueWorker(
                queue,
                poison,
                table,
                m -> {
                  release.await();
                  return ProcessResult.none();
                },
                fast().untilEmpty(false).concurrency(2).prefetch(0).build(),
                clock,
                WorkerListener.NONE)
            .start();

    await().atMost(BOUND).until(() -> worker.inFlight() == 2);
    var status = worker.status();
    worker.setConcurrency(3);
    await().atMost(BOUND).until(() -> worker.inFlight() == 3);

    assertThat(status.ready()).isTrue();
    assertThat(status.concurrency()).isEqualTo(2);
    assertThat(status.liveWorkers()).isEqualTo(2);
    assertThat(status.receiveBudget()).isZero();
    assertThat(worker.status().liveWorkers()).isEqualTo(3);
    release.countDown();
    worker.stop();
    assertThat(worker.ready()).isFalse();
    assertThat(worker.notReadyReason()).isEqualTo("draining");
  }
}
