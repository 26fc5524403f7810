package dev.edw.core.consumer;

import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.table.AtomicCompletion;
import dev.edw.api.table.Entity;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch's rows and deletes its messages in one transaction, where the table and the queue
 * share a store ({@link AtomicCompletion}). Each message's lock is held while its receipt is used,
 * in the same global order as the {@link Acknowledger} takes them, so the two cannot deadlock and a
 * lease renewal never swaps a receipt under the delete. Messages whose lease is already lost, or
 * that another path has finished, are written but not deleted here.
 */
final class CombinedCommit {
  private final AtomicCompletion completion;

  CombinedCommit(AtomicCompletion completion) {
    this.completion = completion;
  }

  /**
   * Upserts {@code entities} and deletes {@code messages} together; returns each message's delete
   * result (none for those not asked for, or that the store gave no answer for). Throws what the
   * store throws, having committed nothing.
   */
  Map<InFlight, ReceiptResult> commit(List<InFlight> messages, List<Entity> entities) {
    List<InFlight> lockOrder = new ArrayList<>(messages);
    lockOrder.sort(InFlight.LOCK_ORDER);
    lockOrder.forEach(f -> f.lock.lock());
    try {
      List<InFlight> asked = new ArrayList<>(messages.size());
      for (InFlight f : messages) {
        if (!f.leaseLost() && !f.finished()) {
          asked.add(f);
        }
      }
      List<Receipt> receipts = asked.stream().map(InFlight::receipt).toList();
      List<ReceiptResult> results =
          BatchResults.align(receipts, completion.upsertAndDelete(entities, receipts));
      Map<InFlight, ReceiptResult> byMessage = new IdentityHashMap<>(asked.size() * 2);
      for (int i = 0; i < asked.size(); i++) {
        if (results.get(i) != null) {
          byMessage.put(asked.get(i), results.get(i));
        }
      }
      return byMessage;
    } finally {
      lockOrder.forEach(f -> f.lock.unlock());
    }
  }
}
