package dev.edw.core.bench;

import dev.edw.api.processor.Processor;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.consumer.QueueWorker;
import dev.edw.core.consumer.WorkerListener;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.Producer;
import dev.edw.core.producer.ProducerOptions;
import dev.edw.core.producer.SeedMessages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * End-to-end throughput: produce N seed messages, consume them with the record processor, upsert
 * one row each and acknowledge, all against real backends; beside the seed's way (send one, receive
 * one, write one, delete one, each its own call) in the same run.
 */
public final class EndToEndBench {
  private final Clock clock;

  public EndToEndBench(Clock clock) {
    this.clock = clock;
  }

  /** One measured run. */
  public record Result(String name, long messages, Duration elapsed, Timings timings) {
    public double perSecond() {
      return messages / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }
  }

  /**
   * edw's way: a producer and a {@link QueueWorker} running at once; timed from the first send to
   * the last acknowledgement.
   */
  public Result edw(
      WorkQueue queue,
      WorkQueue poison,
      ResultTable table,
      long messages,
      ConsumerOptions consumer,
      ProducerOptions producer)
      throws InterruptedException {
    return edw(
        "edw", new RecordProcessor(clock), queue, poison, table, messages, consumer, producer);
  }

  /**
   * The same run with another processor (the user's code: {@code exec}, {@code http}), named {@code
   * name} in the results; the caller closes the processor.
   */
  public Result edw(
      String name,
      Processor processor,
      WorkQueue queue,
      WorkQueue poison,
      ResultTable table,
      long messages,
      ConsumerOptions consumer,
      ProducerOptions producer)
      throws InterruptedException {
    queue.createIfMissing();
    poison.createIfMissing();
    table.createIfMissing();
    Timings timings = new Timings();
    TimedQueue timedQueue = new TimedQueue(queue, timings);
    TimedTable timedTable = new TimedTable(table, timings);
    QueueWorker worker =
        new QueueWorker(
            timedQueue,
            poison,
            timedTable,
            processor,
            consumer.toBuilder().maxMessages(messages).build(),
            clock,
            WorkerListener.NONE);
    long start = System.nanoTime();
    worker.start();
    AtomicReference<Throwable> producerFailure = new AtomicReference<>();
    Thread producing =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    new Producer(timedQueue, producer, clock).run(n -> {});
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (Throwable t) {
                    // Without all its messages the worker would wait for ever: stop the run.
                    producerFailure.set(t);
                    worker.stop();
                  }
                });
    QueueWorker.DrainReport report = worker.awaitTermination();
    long elapsed = System.nanoTime() - start;
    producing.join();
    if (producerFailure.get() != null) {
      throw new IllegalStateException(
          "bench producer failed after "
              + report.completed()
              + " of "
              + messages
              + " messages were consumed: "
              + producerFailure.get().getMessage(),
          producerFailure.get());
    }
    if (report.completed() != messages) {
      throw new IllegalStateException(
          "bench lost work: " + report.completed() + " completed, expected " + messages);
    }
    return new Result(name, messages, Duration.ofNanos(elapsed), timings);
  }

  /**
   * Checks that an edw run's table holds one row per message. Kept apart from {@link #edw} so that
   * a caller can count after all measured runs: counting reads every key, which Azurite takes a
   * minute of CPU for at 3,000 rows, enough to stall the next measured run.
   */
  public void verifyRows(ResultTable table, long messages) {
    long rows = table.count();
    if (rows != messages) {
      throw new IllegalStateException(
          "bench lost work: " + rows + " rows in " + table.name() + ", expected " + messages);
    }
  }

  /**
   * The seed's way: one producer thread sends one message per call while one consumer thread
   * receives one, writes one row, deletes one, each its own call (and so its own transaction).
   */
  public Result naive(WorkQueue queue, ResultTable table, long messages)
      throws InterruptedException {
    queue.createIfMissing();
    table.createIfMissing();
    Timings timings = new Timings();
    TimedQueue timedQueue = new TimedQueue(queue, timings);
    TimedTable timedTable = new TimedTable(table, timings);
    SeedMessages bodies = new SeedMessages(0);
    RecordProcessor processor = new RecordProcessor(clock);
    long start = System.nanoTime();
    Thread producing =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (long i = 0; i < messages; i++) {
                    timedQueue.send(OutgoingMessage.of(bodies.body(i, clock.instant())));
                  }
                });
    long done = 0;
    Duration lease = Duration.ofSeconds(30);
    while (done < messages) {
      List<ReceivedMessage> one = timedQueue.receive(1, lease, Duration.ZERO);
      if (one.isEmpty()) {
        Thread.onSpinWait();
        continue;
      }
      ReceivedMessage m = one.get(0);
      try {
        timedTable.upsert(processor.process(m).entities());
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException("bench message is malformed", e);
      }
      timedQueue.delete(List.of(m.receipt()));
      done++;
    }
    long elapsed = System.nanoTime() - start;
    producing.join();
    return new Result("seed-style", messages, Duration.ofNanos(elapsed), timings);
  }
}
