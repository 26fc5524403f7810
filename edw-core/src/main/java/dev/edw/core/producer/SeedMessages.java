package dev.edw.core.producer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.edw.core.key.MessageKey;
import dev.edw.core.processor.SeedTimestamps;
import java.time.Instant;

/**
 * Builds the seed's message body: {@code {"msg": "...", "srcStamp": "YYYY-mm-dd HH:MM:SS.ffffff"}},
 * optionally with a stable key ({@code "edwKey": "..."}, see {@link dev.edw.core.key.MessageKey}),
 * which the seed's readers ignore.
 */
public final class SeedMessages {
  private final String padding;

  /**
   * @param payloadBytes length of the padding added to {@code msg}; 0 for none
   */
  public SeedMessages(int payloadBytes) {
    this.padding = payloadBytes == 0 ? "" : " " + "x".repeat(Math.max(0, payloadBytes - 1));
  }

  public String body(long sequence, Instant now) {
    return body(sequence, now, null);
  }

  /** The body with {@code key} as its {@code edwKey}; no key when null. */
  public String body(long sequence, Instant now, String key) {
    StringBuilder out = new StringBuilder(64 + padding.length());
    out.append("{\"msg\": \"message ").append(sequence);
    JsonStringEncoder.getInstance().quoteAsString(padding, out);
    out.append("\", \"srcStamp\": \"").append(SeedTimestamps.format(now));
    if (key != null) {
      out.append("\", \"").append(MessageKey.FIELD).append("\": \"");
      JsonStringEncoder.getInstance().quoteAsString(key, out);
    }
    return out.append("\"}").toString();
  }
}
