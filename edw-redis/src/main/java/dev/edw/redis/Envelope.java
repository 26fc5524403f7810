package dev.edw.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.EdwException;
import java.time.Instant;

/**
 * A list item as edw stores it: {@code {"edw":"ID","t":ENQUEUED_MS,"body":"TEXT"}}. Messages sent
 * by edw are stored so; plain strings pushed by other tools are wrapped the first time a receive or
 * peek sees them (see {@code common.lua}).
 *
 * @param id the message id, stable across redeliveries
 * @param enqueuedAt when it was sent or first seen, by the Redis server's clock
 * @param body the text as sent
 */
record Envelope(String id, Instant enqueuedAt, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The body as a JSON string literal, as the send script expects it. */
  static String encodeBody(String body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always encodes", e);
    }
  }

  static Envelope decode(String queue, String item) {
    try {
      JsonNode node = JSON.readTree(item);
      long enqueued = node.path("t").asLong(0);
      return new Envelope(
          node.get("edw").asText(),
          enqueued > 0 ? Instant.ofEpochMilli(enqueued) : null,
          node.get("body").asText());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new EdwException(
          "queue '" + queue + "' holds an item that is not an edw envelope", false);
    }
  }
}
