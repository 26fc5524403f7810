package dev.edw.core.consumer;

import dev.edw.api.EdwException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: collects finished results, upserts them in one batch, and only then hands the
 * messages on to be acknowledged. A batch is written when it is full, when its oldest result has
 * waited the linger time, or when nothing else is being processed.
 *
 * <p>A retryable table failure (an outage: a full disk, a lock timeout, a lost connection) is
 * retried in process with back-off for as long as it lasts, while the leases are kept alive and the
 * poller, out of permits, stops receiving; nothing counts toward the poison queue. Only a drain
 * past its deadline gives such messages back. A non-retryable failure is narrowed down entity by
 * entity, and only the messages whose own rows cannot be written fail.
 */
final class ResultWriter {
  private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);

  /** A message whose processing finished, with what it produced. */
  record Done(InFlight inFlight, ProcessResult result) {}

  /** What the writer hands on. */
  interface Sink {
    void written(List<Done> batch);

    /**
     * The batch's rows are durable and its messages' deletes were tried in the same transaction
     * ({@link CombinedCommit}); {@code deletes} holds each message's result, none for a message
     * that was not asked for.
     */
    default void writtenAndDeleted(List<Done> batch, Map<InFlight, ReceiptResult> deletes) {
      written(batch);
    }

    void writeFailed(Done done, Throwable cause, boolean countsAsAttempt);
  }

  private final ResultTable table;
  private final CombinedCommit combined;
  private final int batchSize;
  private final Duration linger;
  private final Sink sink;
  private final WorkerListener listener;
  private final ConcurrentLinkedQueue<Done> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingCount = new AtomicInteger();
  private final Signal signal = new Signal();
  private final Backoff outageBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
  private final BooleanSupplier giveUp;
  private final RateLimitedLog outages;

  /**
   * @param giveUp whether to stop retrying an outage and give the messages back (a late drain)
   */
  ResultWriter(
      ResultTable table,
      int batchSize,
      Duration linger,
      Sink sink,
      WorkerListener listener,
      BooleanSupplier giveUp,
      Clock clock) {
    this(table, null, batchSize, linger, sink, listener, giveUp, clock);
  }

  /**
   * @param combined rows and deletes in one transaction, where the table and the queue share a
   *     store; null to upsert, then hand on for deleting
   */
  ResultWriter(
      ResultTable table,
      CombinedCommit combined,
      int batchSize,
      Duration linger,
      Sink sink,
      WorkerListener listener,
      BooleanSupplier giveUp,
      Clock clock) {
    this.table = table;
    this.combined = combined;
    this.batchSize = batchSize;
    this.linger = linger;
    this.sink = sink;
    this.listener = listener;
    this.giveUp = giveUp;
    this.outages = new RateLimitedLog(log, LoopRunner.LOG_EVERY, clock);
  }

  void submit(Done done) {
    pending.add(done);
    if (pendingCount.incrementAndGet() >= batchSize) {
      signal.signal();
    }
  }

  /** Wakes the writer to flush what it has, e.g. when processing went idle. */
  void nudge() {
    signal.signal();
  }

  int pending() {
    return pendingCount.get();
  }

  /**
   * Waits for a batch (full, lingered, or nudged) and writes it; returns how many results it
   * handled. The caller loops on this.
   */
  int awaitAndFlush(Duration idleWait) throws InterruptedException {
    if (pendingCount.get() == 0) {
      signal.await(idleWait);
    }
    if (pendingCount.get() > 0 && pendingCount.get() < batchSize) {
      signal.await(linger);
    }
    return flush();
  }

  /** Writes everything pending now, in batches; returns how many results it handled. */
  int flush() {
    int handled = 0;
    while (pendingCount.get() > 0) {
      List<Done> batch = new ArrayList<>(Math.min(batchSize, pendingCount.get()));
      Done d;
      while (batch.size() < batchSize && (d = pending.poll()) != null) {
        pendingCount.decrementAndGet();
        batch.add(d);
      }
      if (batch.isEmpty()) {
        break;
      }
      write(batch);
      handled += batch.size();
    }
    return handled;
  }

  private void write(List<Done> batch) {
    List<Entity> entities = new ArrayList<>(batch.size());
    for (Done done : batch) {
      List<Entity> rows = done.result().entities();
      if (rows.size() == 1) {
        entities.add(rows.get(0)); // the common case, without addAll's copy of the list
      } else {
        entities.addAll(rows);
      }
    }
    if (!entities.isEmpty() && table != null && combined != null) {
      List<InFlight> messages = batch.stream().map(Done::inFlight).toList();
      AtomicReference<Map<InFlight, ReceiptResult>> deletes = new AtomicReference<>();
      if (writeThroughOutages(batch, () -> deletes.set(combined.commit(messages, entities)))) {
        // outside the write's try, as below
        sink.writtenAndDeleted(batch, deletes.get());
      }
      return;
    }
    if (!entities.isEmpty()
        && table != null
        && !writeThroughOutages(batch, () -> table.upsert(entities))) {
      return;
    }
    // outside the write's try: whatever acknowledging throws is not a failure of the table, so
    // messages already acknowledged are never handled a second time
    sink.written(batch);
  }

  /**
   * Writes the batch with {@code write}, retrying an outage with back-off for as long as it lasts
   * (the leases are kept meanwhile, and nothing counts toward the poison queue) unless {@code
   * giveUp} says to stop (a drain past its deadline); a non-retryable failure is narrowed down
   * message by message. Returns whether the whole batch was written.
   */
  private boolean writeThroughOutages(List<Done> batch, Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        outageBackoff.reset();
        return true;
      } catch (EdwException e) {
        if (!e.retryable()) {
          writeOneByOne(batch);
          return false;
        }
        listener.outage("write", e);
        if (giveUp.getAsBoolean()) {
          batch.forEach(done -> failed(done, e, false));
          return false;
        }
        Duration wait = outageBackoff.next();
        outages.warn(
            "writing {} result(s) to {} failed ({} attempt(s)), retrying in {}: {}",
            batch.size(),
            table.uri(),
            attempt,
            ConsumerOptions.flag(wait),
            e.getMessage());
        Signal.pause(wait);
        if (Thread.currentThread().isInterrupted()) {
          batch.forEach(done -> failed(done, e, false));
          return false;
        }
      } catch (RuntimeException e) {
        writeOneByOne(batch);
        return false;
      }
    }
  }

  private void writeOneByOne(List<Done> batch) {
    List<Done> written = new ArrayList<>();
    for (Done done : batch) {
      try {
        table.upsert(done.result().entities());
        written.add(done);
      } catch (RuntimeException e) {
        boolean retryable = e instanceof EdwException edw && edw.retryable();
        if (retryable) {
          listener.outage("write", e);
        }
        failed(done, e, !retryable);
      }
    }
    if (!written.isEmpty()) {
      sink.written(written);
    }
  }

  /**
   * Hands one message whose row was not written to the sink. Whatever the sink throws is logged and
   * reported, so that it cannot keep the rest of the batch from being finished: a message never
   * finished would keep its permit, and its lease would be renewed for good.
   */
  private void failed(Done done, Throwable cause, boolean countsAsAttempt) {
    try {
      sink.writeFailed(done, cause, countsAsAttempt);
    } catch (RuntimeException e) {
      log.warn(
          "finishing message {}, whose row could not be written, failed: {}",
          done.inFlight().message.id(),
          e.toString());
      listener.loopError("write", e);
    }
  }
}
