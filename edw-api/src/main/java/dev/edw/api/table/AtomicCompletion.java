package dev.edw.api.table;

import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import java.util.List;

/**
 * Writes a batch's result rows and deletes its messages in one transaction: an optional capability
 * of a result table that lives in the same store as the queue (the embedded store's default layout,
 * one SQLite file), obtained from {@link ResultTable#atomicCompletion}. One durable commit then
 * serves both, where the general path needs two (upsert, then delete).
 *
 * <p><b>Semantics:</b> when {@link #upsertAndDelete} returns, every entity is durable and every
 * message whose receipt still held its lease is deleted, in the same commit. A receipt whose lease
 * was lost fails alone, with a {@link dev.edw.api.queue.LeaseLostException}, as in {@link
 * dev.edw.api.queue.WorkQueue#delete}; the rows are written all the same (results are idempotent,
 * and the message's new holder writes the same rows). When it throws, nothing was committed, and
 * calling it again with the same arguments is safe. Acknowledging only after a durable write holds
 * as on the general path: the delete commits with the write or not at all.
 */
@FunctionalInterface
public interface AtomicCompletion {
  /** One result per receipt, in any order (callers match them by receipt). */
  List<ReceiptResult> upsertAndDelete(List<Entity> entities, List<Receipt> receipts);
}
