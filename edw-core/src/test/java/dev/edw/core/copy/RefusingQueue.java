package dev.edw.core.copy;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.LeaseLostException;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.QueueLimits;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Duration;
import java.util.List;

/**
 * A real queue whose sends fail once {@code acceptedSends} send calls have succeeded, with a send
 * batch of {@code maxSendBatch}; {@link #refusingDeletes} makes one whose deletes fail instead.
 */
final class RefusingQueue implements WorkQueue {
  private final WorkQueue delegate;
  private final int maxSendBatch;
  private final boolean refuseDeletes;
  private int acceptedSends;

  RefusingQueue(WorkQueue delegate, int maxSendBatch, int acceptedSends) {
    this(delegate, maxSendBatch, acceptedSends, false);
  }

  private RefusingQueue(
      WorkQueue delegate, int maxSendBatch, int acceptedSends, boolean refuseDeletes) {
    this.delegate = delegate;
    this.maxSendBatch = maxSendBatch;
    this.acceptedSends = acceptedSends;
    this.refuseDeletes = refuseDeletes;
  }

  /** A queue that sends as the real one but answers every delete with a lost lease. */
  static RefusingQueue refusingDeletes(WorkQueue delegate) {
    return new RefusingQueue(delegate, delegate.limits().maxSendBatch(), Integer.MAX_VALUE, true);
  }

  @Override
  public List<String> send(List<OutgoingMessage> messages) {
    if (acceptedSends-- <= 0) {
      throw new BackendUnavailableException("connection refused (test)", null);
    }
    return delegate.send(messages);
  }

  @Override
  public QueueLimits limits() {
    QueueLimits real = delegate.limits();
    return new QueueLimits(
        real.maxReceiveBatch(), maxSendBatch, real.maxMessageBytes(), real.maxVisibility());
  }

  @Override
  public ResourceUri uri() {
    return delegate.uri();
  }

  @Override
  public boolean createIfMissing() {
    return delegate.createIfMissing();
  }

  @Override
  public boolean exists() {
    return delegate.exists();
  }

  @Override
  public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
    return delegate.receive(max, visibility, wait);
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    if (refuseDeletes) {
      return receipts.stream()
          .map(r -> ReceiptResult.failed(r, new LeaseLostException("lease lost (test)")))
          .toList();
    }
    return delegate.delete(receipts);
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    return delegate.changeVisibility(receipts, visibility);
  }

  @Override
  public QueueDepth depth() {
    return delegate.depth();
  }

  @Override
  public List<ReceivedMessage> peek(int max) {
    return delegate.peek(max);
  }

  @Override
  public long purge() {
    return delegate.purge();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
