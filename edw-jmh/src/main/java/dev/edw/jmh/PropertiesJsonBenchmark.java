package dev.edw.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.core.producer.SeedMessages;
import dev.edw.sqlite.PropertiesJson;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding a result's properties as the embedded store keeps them: the object mapper (the baseline,
 * what the store used before) against the streaming writer, on the record processor's own result.
 */
@State(Scope.Benchmark)
public class PropertiesJsonBenchmark extends NanosBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private Map<String, Object> properties;

  @Setup
  public void processOneSeedMessage() throws Exception {
    ReceivedMessage message =
        new ReceivedMessage(
            "0a1b2c3d4e5f-123456",
            new SeedMessages(0).body(42, Instant.parse("2026-11-23T04:00:00Z")),
            1,
            null,
            null,
            new Receipt("0a1b2c3d4e5f-123456", "123456:99"));
    properties =
        new RecordProcessor(Clock.systemUTC()).process(message).entities().get(0).properties();
  }

  @Benchmark
  public String objectMapper() throws Exception {
    return MAPPER.writeValueAsString(properties);
  }

  @Benchmark
  public String streamingWriter() throws Exception {
    return PropertiesJson.write(properties);
  }
}
