package dev.edw.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys and values as UTF-8 strings, like Lettuce's {@link StringCodec#UTF8}, but each argument is
 * encoded once, by the JDK, and written straight into the command's buffer.
 *
 * <p>{@code StringCodec.UTF8} does not give an exact size, so for every argument Lettuce counts its
 * UTF-8 length char by char, takes a pooled buffer of that size (tracked by Netty's leak detector),
 * encodes into it char by char and copies it into the command. A send's bodies are most of the
 * bytes edw sends, and all of this ran on the connection's one I/O thread. Here the size is exact
 * ({@link #isEstimateExact()}): the bytes come from {@link String#getBytes}, whose all-ASCII case
 * is a plain copy, and Lettuce writes them where they go.
 *
 * <p>Lettuce asks for an argument's size and then for its bytes, one right after the other, so the
 * last encoding is kept and reused when the same string comes back. The kept pair is immutable and
 * matched by identity: another thread that replaces it only causes a second encoding.
 */
final class Utf8Codec implements RedisCodec<String, String>, ToByteBufEncoder<String, String> {
  static final Utf8Codec INSTANCE = new Utf8Codec();

  private static final byte[] NONE = new byte[0];

  private record Encoded(String text, byte[] bytes) {}

  /** The last string encoded, and its bytes; a plain field, read once per use. */
  private Encoded last;

  private Utf8Codec() {}

  private byte[] bytes(String text) {
    if (text == null) {
      return NONE;
    }
    Encoded kept = last;
    if (kept != null && kept.text() == text) {
      return kept.bytes();
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    last = new Encoded(text, bytes);
    return bytes;
  }

  @Override
  public int estimateSize(Object keyOrValue) {
    return keyOrValue instanceof String text ? bytes(text).length : 0;
  }

  @Override
  public boolean isEstimateExact() {
    return true;
  }

  @Override
  public void encodeKey(String key, ByteBuf target) {
    target.writeBytes(bytes(key));
  }

  @Override
  public void encodeValue(String value, ByteBuf target) {
    target.writeBytes(bytes(value));
  }

  @Override
  public ByteBuffer encodeKey(String key) {
    return ByteBuffer.wrap(bytes(key));
  }

  @Override
  public ByteBuffer encodeValue(String value) {
    return ByteBuffer.wrap(bytes(value));
  }

  @Override
  public String decodeKey(ByteBuffer bytes) {
    return StringCodec.UTF8.decodeKey(bytes);
  }

  @Override
  public String decodeValue(ByteBuffer bytes) {
    return StringCodec.UTF8.decodeValue(bytes);
  }
}
