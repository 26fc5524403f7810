package dev.edw.core.processor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.processor.PoisonMessageException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.table.Entity;
import dev.edw.core.key.MessageKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's consumer, done right. Parses {@code {"msg": ..., "srcStamp": "..."}} and writes one
 * entity: PartitionKey = the message's stable key ({@code edwKey}, which {@code edw produce} and
 * {@code edw copy} put in every body) or, without one, the message id; RowKey = the srcStamp as
 * sent. Both are stable across redeliveries and, with a key, across resends and copies, so a repeat
 * overwrites its own row; {@code data} (= msg; JSON text when msg is not a string), {@code
 * srcStamp}, {@code dateStamp} (UTC now, same format) and {@code messageProcessingTime} (seconds
 * from srcStamp to now). A body that is not such JSON is bad input: it goes to the poison queue at
 * once, with the reason; it never crashes the consumer.
 */
public final class RecordProcessor implements Processor {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Clock clock;
  private final Duration work;

  public RecordProcessor(Clock clock) {
    this(clock, Duration.ZERO);
  }

  /**
   * @param work simulated work per message (the seed's pods took a second each); zero for none
   */
  public RecordProcessor(Clock clock, Duration work) {
    this.clock = clock;
    this.work = work;
  }

  @Override
  public ProcessResult process(ReceivedMessage message) throws IOException, InterruptedException {
    if (!work.isZero()) {
      Thread.sleep(work);
    }
    String msg = null;
    String srcStamp = null;
    String key = null;
    try (JsonParser parser = JSON.createParser(message.body())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedMessageException("body is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("msg".equals(field)) {
          msg =
              value == JsonToken.VALUE_STRING
                  ? parser.getText()
                  : MAPPER.writeValueAsString(MAPPER.readTree(parser));
        } else if ("srcStamp".equals(field)) {
          if (value != JsonToken.VALUE_STRING) {
            throw new MalformedMessageException("'srcStamp' is not a string");
          }
          srcStamp = parser.getText();
        } else if (MessageKey.FIELD.equals(field) && value == JsonToken.VALUE_STRING) {
          key = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new MalformedMessageException("body has trailing content after the JSON object");
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MalformedMessageException("body is not valid JSON: " + e.getOriginalMessage());
    }
    if (msg == null) {
      throw new MalformedMessageException("body has no 'msg'");
    }
    if (srcStamp == null) {
      throw new MalformedMessageException("body has no 'srcStamp'");
    }
    Instant source;
    try {
      source = SeedTimestamps.parse(srcStamp);
    } catch (DateTimeParseException e) {
      throw new MalformedMessageException(
          "'srcStamp' is not a time stamp like 2026-11-23 04:00:00.000000: " + srcStamp);
    }
    Instant now = clock.instant();
    Map<String, Object> properties = new LinkedHashMap<>(8);
    properties.put("data", msg);
    properties.put("srcStamp", srcStamp);
    properties.put("dateStamp", SeedTimestamps.format(now));
    properties.put("messageProcessingTime", Duration.between(source, now).toNanos() / 1e9);
    return new ProcessResult(
        java.util.List.of(new Entity(key != null ? key : message.id(), srcStamp, properties)),
        source);
  }

  /** A body that is not the seed's message format. */
  public static final class MalformedMessageException extends PoisonMessageException {
    public MalformedMessageException(String reason) {
      super(reason);
    }
  }
}
