package dev.edw.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.edw.api.EdwException;
import java.io.IOException;
import java.time.Instant;

/**
 * A list item as edw stores it: {@code {"edw":"ID","t":ENQUEUED_MS,"body":"TEXT"}}. Messages sent
 * by edw are stored so; plain strings pushed by other tools are wrapped the first time a receive or
 * peek sees them (see {@code common.lua}). Read with Jackson's streaming parser and written with
 * its string encoder, once per message on the hot path, without building a tree.
 *
 * @param id the message id, stable across redeliveries
 * @param enqueuedAt when it was sent or first seen, by the Redis server's clock
 * @param body the text as sent
 */
record Envelope(String id, Instant enqueuedAt, String body) {
  private static final JsonFactory JSON = new JsonFactory();

  /** The body as a JSON string literal, as the send script expects it. */
  static String encodeBody(String body) {
    char[] escaped = JsonStringEncoder.getInstance().quoteAsString(body);
    return new StringBuilder(escaped.length + 2).append('"').append(escaped).append('"').toString();
  }

  /**
   * The envelope in {@code item}. Fields may come in any order and unknown ones are skipped; the id
   * and the body must be there, as text; a time stamp that is missing or not a number reads as
   * unknown.
   */
  static Envelope decode(String queue, String item) {
    String id = null;
    String body = null;
    long enqueued = 0;
    try (JsonParser parser = JSON.createParser(item)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notAnEnvelope(queue);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "edw" -> id = value.isScalarValue() ? parser.getValueAsString() : null;
          case "body" -> body = value.isScalarValue() ? parser.getValueAsString() : null;
          case "t" -> enqueued = value.isNumeric() ? parser.getValueAsLong(0) : 0;
          default -> parser.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      throw notAnEnvelope(queue);
    }
    if (id == null || body == null) {
      throw notAnEnvelope(queue);
    }
    return new Envelope(id, enqueued > 0 ? Instant.ofEpochMilli(enqueued) : null, body);
  }

  private static EdwException notAnEnvelope(String queue) {
    return new EdwException(
        "queue '" + queue + "' holds an item that is not an edw envelope", false);
  }
}
