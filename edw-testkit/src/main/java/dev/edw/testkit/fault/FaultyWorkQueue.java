package dev.edw.testkit.fault;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.QueueLimits;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
public final class FaultyWorkQueue implements WorkQueue {
  private final WorkQueue delegate;
  private final Faults faults;

  public FaultyWorkQueue(WorkQueue delegate, Faults faults) {
    this.delegate = Objects.requireNonNull(delegate, "'delegate' cannot be null.");
    this.faults = Objects.requireNonNull(faults, "'faults' cannot be null.");
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
    FaultKind kind = faults.draw();
    if (kind == FaultKind.PARTIAL && messages.size() > 1) {
      int sent = faults.nextInt(messages.size());
      delegate.send(messages.subList(0, sent));
      throw new BackendUnavailableException(
          "injected: send failed after " + sent + " of " + messages.size() + " were sent", null);
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
    List<ReceiptResult> results = faults.apply(kind, "delete", () -> delegate.delete(receipts));
    return kind == FaultKind.PARTIAL ? garble(results) : results;
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    FaultKind kind = faults.draw();
    List<ReceiptResult> results =
        faults.apply(
            kind, "changeVisibility", () -> delegate.changeVisibility(receipts, visibility));
    return kind == FaultKind.PARTIAL ? garble(results) : results;
  }

  /** Fewer results than receipts, or the results in the wrong order. */
  private List<ReceiptResult> garble(List<ReceiptResult> results) {
    if (results.isEmpty()) {
      return results;
    }
    if (results.size() == 1 || faults.nextInt(2) == 0) {
      return List.copyOf(results.subList(0, faults.nextInt(results.size())));
    }
    List<ReceiptResult> reversed = new ArrayList<>(results);
    Collections.reverse(reversed);
    return reversed;
  }

  @Override
  public QueueDepth depth() {
    return faults.apply(faults.draw(), "depth", delegate::depth);
  }

  @Override
  public List<ReceivedMessage> peek(int max) {
    FaultKind kind = faults.draw();
    List<ReceivedMessage> seen = faults.apply(kind, "peek", () -> delegate.peek(max));
    return kind == FaultKind.PARTIAL && !seen.isEmpty()
        ? List.copyOf(seen.subList(0, faults.nextInt(seen.size())))
        : seen;
  }

  @Override
  public long purge() {
    return faults.apply(faults.draw(), "purge", delegate::purge);
  }

  @Override
  public void close() {}
}
