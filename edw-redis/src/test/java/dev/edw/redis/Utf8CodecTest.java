package dev.edw.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class Utf8CodecTest {
  private static final List<String> TEXTS =
      List.of("", "plain ascii", "héllo wörld", "数据 ✓", "rocket 🚀 and é", "x".repeat(5000));

  @Test
  void the_size_it_gives_is_the_exact_length_of_the_bytes_it_writes() {
    for (String text : TEXTS) {
      ByteBuf written = Unpooled.buffer();
      int size = Utf8Codec.INSTANCE.estimateSize(text);
      Utf8Codec.INSTANCE.encodeValue(text, written);

      assertThat(size).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
      assertThat(written.readableBytes()).as(text).isEqualTo(size);
      assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(text);
    }
  }

  @Test
  void every_value_reads_back_as_the_text_it_was() {
    for (String text : TEXTS) {
      ByteBuffer encoded = Utf8Codec.INSTANCE.encodeValue(text);

      assertThat(Utf8Codec.INSTANCE.decodeValue(encoded)).isEqualTo(text);
      assertThat(Utf8Codec.INSTANCE.decodeKey(Utf8Codec.INSTANCE.encodeKey(text))).isEqualTo(text);
    }
  }

  @Test
  void a_command_frames_each_argument_with_its_byte_length_not_its_char_count() {
    ByteBuf frame = Unpooled.buffer();
    new CommandArgs<>(Utf8Codec.INSTANCE).addKey("k").addValue("é🚀").addValue("ab").encode(frame);

    assertThat(frame.toString(StandardCharsets.UTF_8))
        .isEqualTo("$1\r\nk\r\n$6\r\né🚀\r\n$2\r\nab\r\n");
  }

  @Test
  void strings_that_alternate_between_two_threads_keep_their_own_bytes() throws Exception {
    String a = "a".repeat(100) + "é";
    String b = "b".repeat(300);
    Runnable check =
        () -> {
          for (int i = 0; i < 20_000; i++) {
            String text = i % 2 == 0 ? a : b;
            ByteBuf written = Unpooled.buffer();
            int size = Utf8Codec.INSTANCE.estimateSize(text);
            Utf8Codec.INSTANCE.encodeValue(text, written);
            assertThat(written.readableBytes()).isEqualTo(size);
            assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(text);
          }
        };
    FutureTask<Void> other = new FutureTask<>(check, null);
    Thread.ofPlatform().start(other);
    check.run();

    other.get(30, TimeUnit.SECONDS); // rethrows the other thread's failure
  }

  @Test
  void nothing_is_written_for_a_missing_value() {
    ByteBuf written = Unpooled.buffer();
    Utf8Codec.INSTANCE.encodeValue(null, written);

    assertThat(Utf8Codec.INSTANCE.estimateSize(null)).isZero();
    assertThat(written.readableBytes()).isZero();
  }
}
