package dev.edw.cli.faults;

import static org.awaitility.Awaitility.await;

import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.core.backend.CreateOnSendQueue;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.consumer.QueueWorker;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.Producer;
import dev.edw.core.producer.ProducerOptions;
import dev.edw.testkit.fault.FaultOptions;
import dev.edw.testkit.fault.Faults;
import dev.edw.testkit.fault.FaultyResultTable;
import dev.edw.testkit.fault.FaultyWorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole pipeline under injected faults, in one JVM: a producer sends {@code count} seed
 * messages while two consumers (two {@link QueueWorker}s, as two replicas would be) run the {@code
 * record} processor into one result table. Producer, consumers and table all go through faulty
 * decorators; the end state is read through the undecorated resources.
 */
final class FaultyPipeline {
  /** Consumer settings that keep a run to seconds: short leases, quick retries. */
  static final ConsumerOptions CONSUMER =
      ConsumerOptions.builder()
          .concurrency(16)
          .prefetch(64)
          .visibility(Duration.ofSeconds(2))
          .retry(Duration.ofMillis(20), Duration.ofMillis(500))
          .maxIdlePoll(Duration.ofMillis(100))
          .drainTimeout(Duration.ofSeconds(5))
          .writeBatch(200)
          .build();

  /**
   * The producer's faults: the consumers' without unmapped exceptions, which a producer rightly
   * does not retry (a bug, not an outage).
   */
  static FaultOptions producerFaults(FaultOptions consumer) {
    return consumer
        .withSeed(consumer.seed() + 1)
        .withRates(
            0,
            consumer.retryableRate(),
            consumer.timeoutRate(),
            consumer.partialRate(),
            consumer.delayRate());
  }

  /**
   * What a run left behind.
   *
   * @param rows rows in the table
   * @param missing keys of sent messages without a row
   * @param foreign rows whose key no sent message has
   * @param leftInQueue visible, in-flight and delayed messages at the end
   * @param poisoned messages in the poison queue
   * @param allReady whether both consumers reported ready right before they were stopped
   * @param drained whether both consumers stopped within their drain timeout
   * @param maxLogLinesPerSecond most edw log lines in any one second of the run
   * @param inTime whether the rows and the empty queue were there within the bound
   */
  record Outcome(
      boolean inTime,
      long rows,
      Set<String> missing,
      Set<String> foreign,
      long leftInQueue,
      long poisoned,
      boolean allReady,
      boolean drained,
      int maxLogLinesPerSecond,
      long logLines,
      Faults consumerFaults,
      Faults producerFaults) {}

  private FaultyPipeline() {}

  static Outcome run(
      Backends backends,
      String queueUri,
      String tableUri,
      int count,
      FaultOptions faults,
      Duration bound)
      throws InterruptedException {
    Clock clock = Clock.systemUTC();
    Faults consumerFaults = new Faults(faults);
    Faults producerFaults = new Faults(producerFaults(faults));
    try (WorkQueue queue = backends.queue(queueUri);
        WorkQueue poison = backends.poisonQueue(queue);
        ResultTable table = backends.table(tableUri);
        LogRate logs = LogRate.attach()) {
      queue.createIfMissing();
      table.createIfMissing();
      List<QueueWorker> consumers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        consumers.add(
            new QueueWorker(
                    new FaultyWorkQueue(queue, consumerFaults),
                    new CreateOnSendQueue(poison),
                    new FaultyResultTable(table, consumerFaults),
                    new RecordProcessor(clock),
                    CONSUMER,
                    clock,
                    dev.edw.core.consumer.WorkerListener.NONE)
                .start());
      }
      Producer producer =
          new Producer(
              new FaultyWorkQueue(queue, producerFaults),
              new ProducerOptions(count, null, 0, 0, 100, 4, 0),
              clock);
      boolean drained = false;
      boolean allReady = false;
      boolean inTime = false;
      try {
        producer.run(n -> {});
        await()
            .atMost(bound)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> table.count() >= count && queue.depth().total() == 0);
        inTime = true;
      } catch (ConditionTimeoutException e) {
        inTime = false;
      } finally {
        allReady = consumers.stream().allMatch(QueueWorker::ready);
        consumers.forEach(QueueWorker::stop);
        drained = true;
        for (QueueWorker consumer : consumers) {
          drained &= consumer.awaitTermination(CONSUMER.drainTimeout().plusSeconds(5)) != null;
        }
      }
      Set<String> keys = new HashSet<>();
      table.scan(1_000, page -> page.forEach(e -> keys.add(e.partitionKey())));
      Set<String> missing = new HashSet<>();
      for (long i = 0; i < count; i++) {
        if (!keys.remove(producer.key(i))) {
          missing.add(producer.key(i));
        }
      }
      return new Outcome(
          inTime,
          table.count(),
          missing,
          keys,
          queue.depth().total(),
          poison.exists() ? poison.depth().total() : 0,
          allReady,
          drained,
          logs.maxPerSecond(),
          logs.total(),
          consumerFaults,
          producerFaults);
    }
  }
}
