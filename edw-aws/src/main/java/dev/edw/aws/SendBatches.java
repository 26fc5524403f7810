package dev.edw.aws;

import dev.edw.api.queue.MessageSize;
import dev.edw.api.queue.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;

/** Splits messages into SQS send batches: at most so many messages and so many bytes each. */
final class SendBatches {
  private SendBatches() {}

  /** Batches in order, each of at most {@code maxCount} messages and {@code maxBytes} of bodies. */
  static List<List<OutgoingMessage>> split(
      List<OutgoingMessage> messages, int maxCount, int maxBytes) {
    List<List<OutgoingMessage>> batches = new ArrayList<>();
    List<OutgoingMessage> current = new ArrayList<>();
    long bytes = 0;
    for (OutgoingMessage m : messages) {
      int size = MessageSize.utf8Bytes(m.body());
      if (!current.isEmpty() && (current.size() == maxCount || bytes + size > maxBytes)) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(m);
      bytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }
}
