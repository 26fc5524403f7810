package dev.edw.api.queue;

import dev.edw.api.backend.ResourceUri;
import java.time.Duration;
import java.util.List;

/**
 * A queue that hands every call to another; decorators (timing, fault injection) extend it and
 * override only what they change. {@link #close()} does not close the delegate: whoever opened the
 * delegate closes it.
 */
public abstract class ForwardingWorkQueue implements WorkQueue {
  protected final WorkQueue delegate;

  protected ForwardingWorkQueue(WorkQueue delegate) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "'delegate' cannot be null.");
  }

  @Override
  public ResourceUri uri() {
    return delegate.uri();
  }

  @Override
  public String poisonQueueName() {
    return delegate.poisonQueueName();
  }

  @Override
  public QueueLimits limits() {
    return delegate.limits();
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
  public List<String> send(List<OutgoingMessage> messages) {
    return delegate.send(messages);
  }

  @Override
  public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
    return delegate.receive(max, visibility, wait);
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
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
  public QueueDepth depth(Duration maxAge) {
    return delegate.depth(maxAge);
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
  public void close() {}
}
