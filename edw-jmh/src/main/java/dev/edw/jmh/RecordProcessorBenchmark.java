package dev.edw.jmh;

import dev.edw.api.processor.ProcessResult;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.SeedMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-message CPU cost of the record processor and of building a seed message. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordProcessorBenchmark {
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
