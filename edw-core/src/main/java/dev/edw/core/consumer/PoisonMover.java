package dev.edw.core.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edw.api.queue.MessageSize;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a message that failed its last allowed attempt to {@code <queue>-poison}: first it sends an
 * envelope with the original body and the reason, then it deletes the original. If the send fails,
 * the original stays (its lease expires and it is tried again), so nothing is lost.
 *
 * <p>Envelope: {@code {"body": ..., "reason": ..., "queue": ..., "messageId": ..., "dequeueCount":
 * ..., "failedAt": ...}}. An envelope over the poison queue's size limit is replaced by the
 * original body alone, and the reason is only logged.
 */
final class PoisonMover {
  private static final Logger log = LoggerFactory.getLogger(PoisonMover.class);
  static final int MAX_REASON_CHARS = 2_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkQueue source;
  private final WorkQueue poison;
  private final Acknowledger acknowledger;
  private final Clock clock;
  private final WorkerListener listener;

  PoisonMover(
      WorkQueue source,
      WorkQueue poison,
      Acknowledger acknowledger,
      Clock clock,
      WorkerListener listener) {
    this.source = source;
    this.poison = poison;
    this.acknowledger = acknowledger;
    this.clock = clock;
    this.listener = listener;
  }

  /** Sends the envelope and deletes the original; throws if the send failed. */
  void move(InFlight f, Throwable cause) {
    String reason = reason(cause);
    poison.send(OutgoingMessage.of(envelope(f.message, reason)));
    acknowledger.delete(List.of(f));
    log.warn(
        "message {} of {} moved to {} after {} attempt(s): {}",
        f.message.id(),
        source.name(),
        poison.name(),
        f.message.dequeueCount(),
        reason);
    listener.poisoned(f.message, reason);
  }

  static String reason(Throwable cause) {
    String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return text.length() > MAX_REASON_CHARS ? text.substring(0, MAX_REASON_CHARS) + "..." : text;
  }

  String envelope(ReceivedMessage message, String reason) {
    ObjectNode node = JSON.createObjectNode();
    node.put("body", message.body());
    node.put("reason", reason);
    node.put("queue", source.name());
    node.put("messageId", message.id());
    node.put("dequeueCount", message.dequeueCount());
    node.put("failedAt", clock.instant().toString());
    String text = node.toString();
    if (MessageSize.utf8Bytes(text) > poison.limits().maxMessageBytes()) {
      return message.body();
    }
    return text;
  }
}
