package dev.edw.core.copy;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.queue.ForwardingWorkQueue;
import dev.edw.api.queue.LeaseLostException;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueLimits;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.WorkQueue;
import java.util.List;

/**
 * A real queue whose sends fail once {@code acceptedSends} send calls have succeeded, with a send
 * batch of {@code maxSendBatch}; {@link #refusingDeletes} makes one whose deletes fail instead.
 */
final class RefusingQueue extends ForwardingWorkQueue {
  private final int maxSendBatch;
  private final boolean refuseDeletes;
  private int acceptedSends;

  RefusingQueue(WorkQueue delegate, int maxSendBatch, int acceptedSends) {
    this(delegate, maxSendBatch, acceptedSends, false);
  }

  private RefusingQueue(
      WorkQueue delegate, int maxSendBatch, int acceptedSends, boolean refuseDeletes) {
    super(delegate);
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
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    if (refuseDeletes) {
      return receipts.stream()
          .map(r -> ReceiptResult.failed(r, new LeaseLostException("lease lost (test)")))
          .toList();
    }
    return delegate.delete(receipts);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
