package dev.edw.core.redrive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One message of a poison queue, read back: the consumer's envelope {@code {"body", "reason",
 * "queue", "messageId", "dequeueCount", "failedAt"}}, or a bare body where the envelope would have
 * been too large (the poison mover then sends the original body alone).
 *
 * @param body the original body, to be sent again
 * @param reason why it failed, or empty for a bare body
 * @param queue the name of the queue it came from, or null when the entry does not say
 */
record PoisonEntry(String body, String reason, String queue) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static PoisonEntry parse(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return new PoisonEntry(text, "", null);
    }
    if (node == null
        || !node.isObject()
        || !node.path("body").isTextual()
        || !node.has("reason")
        || !node.has("messageId")) {
      return new PoisonEntry(text, "", null);
    }
    return new PoisonEntry(
        node.get("body").asText(),
        node.path("reason").asText(""),
        node.path("queue").isTextual() ? node.get("queue").asText() : null);
  }

  /** Whether the body or the reason contains {@code text}; any entry matches a null filter. */
  boolean matches(String text) {
    return text == null || body.contains(text) || reason.contains(text);
  }
}
