package dev.edw.testkit.fault;

import dev.edw.api.queue.ForwardingWorkQueue;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A queue that injects faults into the calls it hands on, as drawn by {@link Faults}. Partial
 * answers: a send that sends only the first messages and then fails saying how many; a receive that
 * asks the backend for fewer messages than its caller did; a delete or visibility change that is
 * done in full but answers with fewer results than receipts, or with them out of order (mismatched
 * receipts); a peek that shows fewer. Names, limits and creation are never faulted. {@link
 * #close()} does not close the delegate. Thread-safe if the delegate is.
 */
public final class FaultyWorkQueue extends ForwardingWorkQueue {
  private final Faults faults;

  public FaultyWorkQueue(WorkQueue delegate, Faults faults) {
    super(delegate);
    this.faults = Objects.requireNonNull(faults, "'faults' cannot be null.");
  }

  /** The queue this one hands its calls on to, without faults. */
  public WorkQueue unfaulted() {
    return delegate;
  }

  @Override
  public List<String> send(List<OutgoingMessage> messages) {
    FaultKind kind = faults.draw();
    if (kind == FaultKind.PARTIAL && messages.size() > 1) {
      throw faults.brokeOff("send", " were sent", messages, delegate::send);
    }
    return faults.apply(kind, "send", () -> delegate.send(messages));
  }

  @Override
  public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
    FaultKind kind = faults.draw();
    int asked = kind == FaultKind.PARTIAL && max > 1 ? 1 + faults.nextInt(max - 1) : max;
    return faults.apply(kind, "receive", () -> delegate.receive(asked, visibility, wait));
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    FaultKind kind = faults.draw();
    return faults.garble(kind, faults.apply(kind, "delete", () -> delegate.delete(receipts)));
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    FaultKind kind = faults.draw();
    return faults.garble(
        kind,
        faults.apply(
            kind, "changeVisibility", () -> delegate.changeVisibility(receipts, visibility)));
  }

  @Override
  public QueueDepth depth() {
    return faults.call("depth", delegate::depth);
  }

  @Override
  public List<ReceivedMessage> peek(int max) {
    FaultKind kind = faults.draw();
    return faults.fewer(kind, faults.apply(kind, "peek", () -> delegate.peek(max)));
  }

  @Override
  public long purge() {
    return faults.call("purge", delegate::purge);
  }
}
