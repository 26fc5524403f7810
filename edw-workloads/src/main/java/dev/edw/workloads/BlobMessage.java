package dev.edw.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.processor.PoisonMessageException;

/**
 * The blob a message names: the body itself ({@code temperature1.csv}, as other tools push it), or
 * the {@code blob} field of a JSON object body ({@code {"blob": "temperature1.csv"}}).
 */
public final class BlobMessage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BlobMessage() {}

  /** The blob name in {@code body}; fails with a clear reason when there is none. */
  public static String blobName(String body) {
    String text = body.strip();
    if (text.startsWith("{")) {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new PoisonMessageException(
            "message body starts with '{' but is not JSON: " + e.getOriginalMessage());
      }
      JsonNode blob = node.get("blob");
      if (blob == null || !blob.isTextual() || blob.asText().isBlank()) {
        throw new PoisonMessageException(
            "JSON message body has no \"blob\" field naming the blob to process: "
                + abbreviate(text));
      }
      return blob.asText().strip();
    }
    if (text.isEmpty()) {
      throw new PoisonMessageException("message body is empty: it must name a blob");
    }
    return text;
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /**
   * {@code name} with {@code prefix} before its last path segment: a/b.png to a/processed_b.png.
   */
  public static String prefixLastSegment(String name, String prefix) {
    int slash = name.lastIndexOf('/');
    return name.substring(0, slash + 1) + prefix + name.substring(slash + 1);
  }
}
