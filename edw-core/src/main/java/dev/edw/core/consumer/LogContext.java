package dev.edw.core.consumer;

import org.slf4j.MDC;

/**
 * Puts {@code queue} and {@code messageId} into the SLF4J MDC while a message is processed or
 * failed, so every line logged meanwhile (by edw or by a processor) names them; closing restores
 * what was there before.
 */
final class LogContext implements AutoCloseable {
  static final String QUEUE = "queue";
  static final String MESSAGE_ID = "messageId";

  private final String previousQueue;
  private final String previousMessage;

  private LogContext(String queue, String messageId) {
    previousQueue = MDC.get(QUEUE);
    previousMessage = MDC.get(MESSAGE_ID);
    MDC.put(QUEUE, queue);
    MDC.put(MESSAGE_ID, messageId);
  }

  static LogContext of(String queue, InFlight f) {
    return new LogContext(queue, f.message.id());
  }

  @Override
  public void close() {
    restore(QUEUE, previousQueue);
    restore(MESSAGE_ID, previousMessage);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
