package dev.edw.redis;

import dev.edw.core.producer.SeedMessages;
import dev.edw.jmh.NanosBenchmark;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A send script's arguments written into a command buffer, as the connection's I/O thread does:
 * 1,000 messages, each an id, a delay and a seed body encoded as a JSON string. Lettuce's own UTF-8
 * codec (the baseline, what the queue used before) against {@link Utf8Codec}. Time per message;
 * Netty's leak detection as it runs by default.
 */
@State(Scope.Benchmark)
public class CodecBenchmark extends NanosBenchmark {
  private static final int MESSAGES = 1_000;

  @Param({"lettuce", "edw"})
  public String codec;

  private RedisCodec<String, String> chosen;
  private final List<String> args = new ArrayList<>();
  private ByteBuf target;

  @Setup
  public void aSendOfSeedMessages() {
    chosen = codec.equals("edw") ? Utf8Codec.INSTANCE : StringCodec.UTF8;
    SeedMessages seed = new SeedMessages(0);
    Instant now = Instant.parse("2026-11-23T04:00:00Z");
    for (int i = 0; i < MESSAGES; i++) {
      args.add(UUID.randomUUID().toString());
      args.add("0");
      args.add(Envelope.encodeBody(seed.body(i, now)));
    }
  }

  @Setup(Level.Invocation)
  public void anEmptyBuffer() {
    target = PooledByteBufAllocator.DEFAULT.directBuffer(1 << 20);
  }

  @TearDown(Level.Invocation)
  public void release() {
    target.release();
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public int encodeSend() {
    CommandArgs<String, String> command = new CommandArgs<>(chosen).add("sha").add(7);
    command.addKey("q").addKey("q:leases").addKey("q:items");
    for (String arg : args) {
      command.addValue(arg);
    }
    command.encode(target);
    return target.writerIndex();
  }
}
