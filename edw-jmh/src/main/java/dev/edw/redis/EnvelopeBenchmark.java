package dev.edw.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.core.producer.SeedMessages;
import dev.edw.jmh.NanosBenchmark;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Redis queue's envelope, once per message on each side: a seed message's body encoded for the
 * send script, and a received envelope decoded. The object mapper (the baseline, what the queue
 * used before) against the streaming codec. In this package because the codec is the queue's own.
 */
@State(Scope.Benchmark)
public class EnvelopeBenchmark extends NanosBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private String body;
  private String item;

  @Setup
  public void oneSeedMessage() throws Exception {
    body = new SeedMessages(0).body(42, Instant.parse("2026-11-23T04:00:00Z"));
    item =
        "{\"edw\":\"0192f0a1-7c3e-7b2a-9d4e-0a1b2c3d4e5f\",\"t\":1795406400000,\"body\":"
            + MAPPER.writeValueAsString(body)
            + "}";
  }

  @Benchmark
  public String encodeObjectMapper() throws Exception {
    return MAPPER.writeValueAsString(body);
  }

  @Benchmark
  public String encodeStreaming() {
    return Envelope.encodeBody(body);
  }

  @Benchmark
  public Envelope decodeObjectMapper() throws Exception {
    JsonNode node = MAPPER.readTree(item);
    long enqueued = node.path("t").asLong(0);
    return new Envelope(
        node.get("edw").asText(),
        enqueued > 0 ? Instant.ofEpochMilli(enqueued) : null,
        node.get("body").asText());
  }

  @Benchmark
  public Envelope decodeStreaming() {
    return Envelope.decode("bench", item);
  }
}
