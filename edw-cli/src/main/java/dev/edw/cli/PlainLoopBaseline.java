package dev.edw.cli;

import dev.edw.api.backend.ResourceUri;
import dev.edw.core.bench.EndToEndBench;
import dev.edw.core.bench.Timings;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.Producer;
import dev.edw.core.producer.ProducerOptions;
import dev.edw.core.producer.SeedMessages;
import dev.edw.sqlite.SqliteLocation;
import dev.edw.sqlite.bench.PlainSqliteLoop;
import java.time.Clock;
import java.time.Instant;

/**
 * The bench's third baseline on the embedded store: the plain batched SQLite loop on the same file
 * and at the same {@code ?sync=} setting as edw's run, with the same processor, messages of the
 * same shape (the bodies {@code edw produce} sends, each with its stable key, {@code edwKey}, so
 * the rows' keys and the bytes written are those of edw's run) and batches of the same sizes:
 * inserts of the producer's batch and claims of the embedded queue's receive limit, which edw's
 * poller asks for when the queue is full.
 */
final class PlainLoopBaseline {
  /** Messages per insert transaction: the producer's batch. */
  static final int INSERT_BATCH = ProducerOptions.DEFAULT_BATCH_SIZE;

  /** Messages per claim: the most one receive of the embedded queue takes. */
  static final int CLAIM_BATCH = 1_000;

  private final PlainSqliteLoop loop;
  private final SeedMessages bodies = new SeedMessages(0);
  private final Instant sentAt;
  private final String runId = Producer.newRunId();

  private PlainLoopBaseline(PlainSqliteLoop loop, Clock clock) {
    this.loop = loop;
    this.sentAt = clock.instant();
  }

  /** The baseline for {@code queue}, or null when the queue is not in the embedded store. */
  static PlainLoopBaseline forQueue(ResourceUri queue, Clock clock) {
    if (!queue.scheme().equals("sqlite")) {
      return null;
    }
    SqliteLocation at = SqliteLocation.of(queue);
    return new PlainLoopBaseline(
        new PlainSqliteLoop(
            at.file(), at.synchronous(), INSERT_BATCH, CLAIM_BATCH, new RecordProcessor(clock)),
        clock);
  }

  EndToEndBench.Result run(String suffix, long messages) throws Exception {
    return new EndToEndBench.Result(
        "plain-loop", messages, loop.run(suffix, messages, this::body), new Timings());
  }

  /** Message {@code sequence}'s body, as {@code edw produce} would send it in a run of its own. */
  String body(long sequence) {
    return bodies.body(sequence, sentAt, Producer.key(runId, sequence));
  }
}
