package dev.edw.core.producer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.edw.core.processor.SeedTimestamps;
import java.time.Instant;

/**
 * Builds the seed's message body: {@code {"msg": "...", "srcStamp": "YYYY-mm-dd HH:MM:SS.ffffff"}}.
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
    StringBuilder out = new StringBuilder(64 + padding.length());
    out.append("{\"msg\": \"message ").append(sequence);
    JsonStringEncoder.getInstance().quoteAsString(padding, out);
    out.append("\", \"srcStamp\": \"").append(SeedTimestamps.format(now)).append("\"}");
    return out.toString();
  }
}
