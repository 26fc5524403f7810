package dev.edw.core.bench;

import dev.edw.api.queue.ForwardingWorkQueue;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Duration;
import java.util.List;

/** A queue that records how long each call of the message path takes; for benchmarks. */
final class TimedQueue extends ForwardingWorkQueue {
  private final Timings timings;

  TimedQueue(WorkQueue delegate, Timings timings) {
    super(delegate);
    this.timings = timings;
  }

  /** The queue this one times. */
  WorkQueue untimed() {
    return delegate;
  }

  @Override
  public List<String> send(List<OutgoingMessage> messages) {
    long t = System.nanoTime();
    List<String> ids = delegate.send(messages);
    timings.record("queue.send", t, messages.size());
    return ids;
  }

  @Override
  public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
    long t = System.nanoTime();
    List<ReceivedMessage> got = delegate.receive(max, visibility, wait);
    timings.record("queue.receive", t, got.size());
    return got;
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    long t = System.nanoTime();
    List<ReceiptResult> r = delegate.delete(receipts);
    timings.record("queue.delete", t, receipts.size());
    return r;
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    long t = System.nanoTime();
    List<ReceiptResult> r = delegate.changeVisibility(receipts, visibility);
    timings.record("queue.changeVisibility", t, receipts.size());
    return r;
  }
}
