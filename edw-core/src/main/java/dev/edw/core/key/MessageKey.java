package dev.edw.core.key;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A message's stable key: the top-level JSON field {@value #FIELD} that {@code edw produce} puts in
 * every body and {@code edw copy} keeps (or adds). A resend of the same message carries the same
 * key, whatever id the queue gives it, so a result keyed by it is written once however often the
 * message was sent. The seed's readers ignore unknown fields, so the key costs them nothing.
 */
public final class MessageKey {
  /** The field's name. */
  public static final String FIELD = "edwKey";

  private static final JsonFactory JSON = new JsonFactory();

  private MessageKey() {}

  /** The key of a body, or null when it is no JSON object or has no string {@value #FIELD}. */
  public static String of(String body) {
    if (body.isEmpty() || body.charAt(0) != '{' || !body.contains(FIELD)) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (FIELD.equals(field)) {
          return value == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
