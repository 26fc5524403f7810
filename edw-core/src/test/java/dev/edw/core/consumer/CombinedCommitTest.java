package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.queue.ForwardingWorkQueue;
import dev.edw.api.queue.LeaseLostException;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.AtomicCompletion;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ForwardingResultTable;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the result table in the queue's SQLite file, the writer commits each batch's rows and
 * deletes together; lost leases are still reported and the messages still come back.
 */
class CombinedCommitTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private WorkQueue queue;
  private WorkQueue poison;
  private ResultTable table;
  private final AtomicInteger deleteCalls = new AtomicInteger();
  private final AtomicInteger combinedCalls = new AtomicInteger();

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
  void close() {
    queue.close();
    poison.close();
    table.close();
  }

  /** The queue, counting the deletes that do not go through the combined commit. */
  private WorkQueue countingQueue() {
    return new ForwardingWorkQueue(queue) {
      @Override
      public List<ReceiptResult> delete(List<Receipt> receipts) {
        deleteCalls.incrementAndGet();
        return delegate.delete(receipts);
      }
    };
  }

  /** The table, handing out the real completion (with the real queue) through {@code wrap}. */
  private ResultTable tableWith(java.util.function.UnaryOperator<AtomicCompletion> wrap) {
    return new ForwardingResultTable(table) {
      @Override
      public Optional<AtomicCompletion> atomicCompletion(WorkQueue q) {
        return delegate
            .atomicCompletion(queue)
            .map(
                c ->
                    wrap.apply(
                        (entities, receipts) -> {
                          combinedCalls.incrementAndGet();
                          return c.upsertAndDelete(entities, receipts);
                        }));
      }
    };
  }

  private DrainReportAndListener run(ResultTable t, int messages) throws InterruptedException {
    queue.send(IntStream.range(0, messages).mapToObj(i -> OutgoingMessage.of("m" + i)).toList());
    AtomicInteger lost = new AtomicInteger();
    WorkerListener listener =
        new WorkerListener() {
          @Override
          public void leaseLost(ReceivedMessage message) {
            lost.incrementAndGet();
          }
        };
    QueueWorker worker =
        new QueueWorker(
                countingQueue(),
                poison,
                t,
                m -> ProcessResult.of(new Entity("p", m.body(), Map.of("body", m.body()))),
                ConsumerOptions.builder()
                    .visibility(Duration.ofSeconds(1))
                    .maxIdlePoll(Duration.ofMillis(20))
                    .untilEmpty(true)
                    .build(),
                clock,
                listener)
            .start();
    QueueWorker.DrainReport report = worker.awaitTermination(BOUND);
    assertThat(report).as("the worker finished").isNotNull();
    return new DrainReportAndListener(report, lost.get());
  }

  private record DrainReportAndListener(QueueWorker.DrainReport report, int leasesLost) {}

  @Test
  void each_batch_writes_its_rows_and_deletes_its_messages_in_one_call() throws Exception {
    DrainReportAndListener run = run(tableWith(c -> c), 300);

    assertThat(run.report().completed()).isEqualTo(300);
    assertThat(table.count()).isEqualTo(300);
    assertThat(queue.depth().total()).isZero();
    assertThat(combinedCalls.get()).isPositive();
    assertThat(deleteCalls.get()).as("no delete apart from the combined commit").isZero();
  }

  @Test
  void a_lease_lost_in_the_combined_commit_is_reported_and_the_message_comes_back()
      throws Exception {
    AtomicBoolean once = new AtomicBoolean();
    ResultTable losing =
        tableWith(
            c ->
                (entities, receipts) -> {
                  if (!once.compareAndSet(false, true)) {
                    return c.upsertAndDelete(entities, receipts);
                  }
                  // the first receipt's lease is taken as lost: the store keeps that message
                  List<ReceiptResult> results =
                      new ArrayList<>(
                          c.upsertAndDelete(entities, receipts.subList(1, receipts.size())));
                  results.add(
                      ReceiptResult.failed(receipts.get(0), new LeaseLostException("lost")));
                  return results;
                });

    DrainReportAndListener run = run(losing, 50);

    assertThat(run.leasesLost()).isEqualTo(1);
    assertThat(table.count()).isEqualTo(50);
    assertThat(queue.depth().total()).as("the message came back and was done again").isZero();
    assertThat(run.report().completed()).isEqualTo(51);
    assertThat(deleteCalls.get()).isZero();
  }
}
