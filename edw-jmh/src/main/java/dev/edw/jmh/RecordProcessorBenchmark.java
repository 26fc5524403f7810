package dev.edw.jmh;

import dev.edw.api.processor.ProcessResult;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.SeedMessages;
import java.time.Clock;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The per-message CPU cost of the record processor and of building a seed message. */
@State(Scope.Benchmark)
public class RecordProcessorBenchmark extends NanosBenchmark {
  private final RecordProcessor processor = new RecordProcessor(Clock.systemUTC());
  private final SeedMessages bodies = new SeedMessages(0);
  private final ReceivedMessage message =
      new ReceivedMessage(
          "0a1b2c3d4e5f-123456",
          new SeedMessages(0).body(42, Instant.parse("2026-11-23T04:00:00Z")),
          1,
          null,
          null,
          new Receipt("0a1b2c3d4e5f-123456", "123456:99"));
  private long sequence;

  @Benchmark
  public ProcessResult processSeedMessage() throws Exception {
    return processor.process(message);
  }

  @Benchmark
  public String buildSeedMessage() {
    return bodies.body(sequence++, Instant.now());
  }
}
