package dev.edw.cli;

import dev.edw.api.backend.ResourceUri;
import dev.edw.core.bench.EndToEndBench;
import dev.edw.core.bench.Timings;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.SeedMessages;
import dev.edw.sqlite.SqliteLocation;
import dev.edw.sqlite.bench.PlainSqliteLoop;
import java.time.Clock;
import java.time.Instant;

/**
 * The bench's third baseline on the embedded store: the plain batched SQLite loop on the same file
 * and at the same {@code ?sync=} setting as edw's run, with the same messages and processor.
 */
final class PlainLoopBaseline {
  /** Messages per insert transaction and per claim: the producer's batch. */
  static final int BATCH = 500;

  private final PlainSqliteLoop loop;
  private final SeedMessages bodies = new SeedMessages(0);
  private final Instant sentAt;

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
        new PlainSqliteLoop(at.file(), at.synchronous(), BATCH, new RecordProcessor(clock)), clock);
  }

  EndToEndBench.Result run(String suffix, long messages) throws Exception {
    return new EndToEndBench.Result(
        "plain-loop",
        messages,
        loop.run(suffix, messages, i -> bodies.body(i, sentAt)),
        new Timings());
  }
}
