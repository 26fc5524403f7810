package dev.edw.core.bench;

import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.AtomicCompletion;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ForwardingResultTable;
import dev.edw.api.table.ResultTable;
import java.util.List;
import java.util.Optional;

/** A table that records how long each upsert takes; for benchmarks. */
final class TimedTable extends ForwardingResultTable {
  private final Timings timings;

  TimedTable(ResultTable delegate, Timings timings) {
    super(delegate);
    this.timings = timings;
  }

  @Override
  public void upsert(List<Entity> entities) {
    long t = System.nanoTime();
    delegate.upsert(entities);
    timings.record("table.upsert", t, entities.size());
  }

  /** The delegate's completion with the untimed queue, timed as a call of its own. */
  @Override
  public Optional<AtomicCompletion> atomicCompletion(WorkQueue queue) {
    WorkQueue untimed = queue instanceof TimedQueue timed ? timed.untimed() : queue;
    return delegate
        .atomicCompletion(untimed)
        .map(
            completion ->
                (entities, receipts) -> {
                  long t = System.nanoTime();
                  List<ReceiptResult> r = completion.upsertAndDelete(entities, receipts);
                  timings.record("table.upsert+queue.delete", t, receipts.size());
                  return r;
                });
  }
}
