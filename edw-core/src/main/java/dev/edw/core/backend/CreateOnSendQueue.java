package dev.edw.core.backend;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.queue.ForwardingWorkQueue;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.WorkQueue;
import java.util.List;

/**
 * A queue that creates itself when a send finds it missing, then sends again. The consumer wraps
 * its poison queue in one, so that start-up need not write: a consumer can start (and drain) while
 * the backend refuses writes, e.g. Redis at maxmemory, and the poison queue is made the first time
 * a message is poisoned.
 */
public final class CreateOnSendQueue extends ForwardingWorkQueue {
  public CreateOnSendQueue(WorkQueue delegate) {
    super(delegate);
  }

  @Override
  public List<String> send(List<OutgoingMessage> messages) {
    try {
      return delegate.send(messages);
    } catch (ResourceNotFoundException e) {
      delegate.createIfMissing();
      return delegate.send(messages);
    }
  }
}
