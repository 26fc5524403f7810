package dev.edw.api.queue;

import dev.edw.api.InvalidInputException;

/** A message body over the queue's size limit; nothing was sent. */
public class MessageTooLargeException extends InvalidInputException {
  public MessageTooLargeException(String queue, int bytes, int limit) {
    super(
        "A message of "
            + bytes
            + " bytes is over the limit of "
            + limit
            + " bytes of queue '"
            + queue
            + "'; nothing was sent");
  }
}
