package dev.edw.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import dev.edw.core.backend.Backends;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.consumer.QueueWorker;
import dev.edw.core.consumer.WorkerListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real consumer ({@link QueueWorker}) on a real SQLite file, running a processor of this module
 * as {@code edw consume} would: a test sends bodies, runs until the queue is empty, then reads the
 * rows and the poison queue's reasons.
 */
public final class Consumer implements AutoCloseable {
  public static final Duration BOUND = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  public final WorkQueue queue;
  public final WorkQueue poison;
  public final ResultTable table;
  private final Clock clock = Clock.systemUTC();
  private QueueWorker worker;
  private Processor processor;

  public Consumer(Path dir) {
    Backends backends =
        new Backends(
            new BackendContext(Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db")), clock));
    queue = backends.queue("work");
    poison = backends.queue("work-poison");
    table = backends.table("results");
    queue.createIfMissing();
    poison.createIfMissing();
    table.createIfMissing();
  }

  /** Fast retries, short idle polls: the failure rules, not the timing, are under test. */
  public static ConsumerOptions.Builder options() {
    return ConsumerOptions.builder()
        .concurrency(8)
        .prefetch(16)
        .retry(Duration.ofMillis(10), Duration.ofMillis(50))
        .maxIdlePoll(Duration.ofMillis(20))
        .drainTimeout(Duration.ofSeconds(20));
  }

  public static Processor create(
      ProcessorFactory factory, Map<String, String> options, List<String> command) {
    return factory.create(new ProcessorContext(Clock.systemUTC(), null, options, command, 8));
  }

  public void send(String... bodies) {
    List<OutgoingMessage> out = new ArrayList<>();
    for (String b : bodies) {
      out.add(OutgoingMessage.of(b));
    }
    queue.send(out);
  }

  /** Starts the worker; {@link #close()} stops it and closes the processor. */
  public QueueWorker start(Processor p, ConsumerOptions options) {
    processor = p;
    worker = new QueueWorker(queue, poison, table, p, options, clock, WorkerListener.NONE);
    return worker.start();
  }

  /** Runs until nothing is visible or in flight; returns what the drain reported. */
  public QueueWorker.DrainReport runUntilEmpty(Processor p, ConsumerOptions.Builder options)
      throws InterruptedException {
    QueueWorker.DrainReport report =
        start(p, options.untilEmpty(true).build()).awaitTermination(BOUND);
    if (report == null) {
      throw new AssertionError("the consumer did not finish within " + BOUND);
    }
    return report;
  }

  public List<Entity> rows() {
    return table.query(TableQuery.all(100_000));
  }

  /** The poison queue's envelopes. */
  public List<JsonNode> poisoned() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (ReceivedMessage m : poison.peek(1000)) {
      out.add(JSON.readTree(m.body()));
    }
    return out;
  }

  /** The reason of the poisoned message whose body is {@code body}. */
  public String reasonFor(String body) throws Exception {
    for (JsonNode n : poisoned()) {
      if (n.get("body").asText().equals(body)) {
        return n.get("reason").asText();
      }
    }
    throw new AssertionError("no poisoned message with body " + body + ": " + poisoned());
  }

  @Override
  public void close() throws Exception {
    if (worker != null) {
      worker.stop();
      worker.awaitTermination(BOUND);
    }
    if (processor != null) {
      processor.close();
    }
    queue.close();
    poison.close();
    table.close();
  }
}
