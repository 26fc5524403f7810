package com.example.edw;

import dev.edw.api.processor.PoisonMessageException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.table.Entity;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the words of a message body. It keeps no mutable state, so edw may call it from many
 * threads at once; its row is keyed by the message id, so a redelivered message overwrites its own
 * row (idempotent).
 */
final class WordCountProcessor implements Processor {
  private final Clock clock;
  private final int minLength;

  WordCountProcessor(Clock clock, int minLength) {
    this.clock = clock;
    this.minLength = minLength;
  }

  @Override
  public ProcessResult process(ReceivedMessage message) throws PoisonMessageException {
    String body = message.body();
    if (body.isBlank()) {
      // no retry can fix an empty body: straight to <queue>-poison with this reason
      throw new PoisonMessageException("the body is empty");
    }
    long words = 0;
    for (String word : body.trim().split("\\s+")) {
      if (word.length() >= minLength) {
        words++;
      }
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("words", words);
    properties.put("characters", (long) body.length());
    properties.put("countedAt", clock.instant().toString());
    return ProcessResult.of(new Entity(message.id(), "word-count", properties));
  }
}
