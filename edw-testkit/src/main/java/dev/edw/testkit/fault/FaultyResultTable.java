package dev.edw.testkit.fault;

import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.AtomicCompletion;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ForwardingResultTable;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table that injects faults into the calls it hands on, as drawn by {@link Faults}. Partial
 * answers: an upsert that writes only the first entities and then fails (which the SPI allows); a
 * query that returns fewer rows. Where the delegate writes rows and deletes messages in one
 * transaction ({@link #atomicCompletion}), that call is faulted as one: it fails before or after
 * committing, or answers with fewer or reordered delete results. Creation and scans are never
 * faulted, so a test can check the end state through the same object. {@link #close()} does not
 * close the delegate. Thread-safe if the delegate is.
 */
public final class FaultyResultTable extends ForwardingResultTable {
  private final Faults faults;

  public FaultyResultTable(ResultTable delegate, Faults faults) {
    super(delegate);
    this.faults = Objects.requireNonNull(faults, "'faults' cannot be null.");
  }

  @Override
  public void upsert(List<Entity> entities) {
    FaultKind kind = faults.draw();
    if (kind == FaultKind.PARTIAL && entities.size() > 1) {
      throw faults.brokeOff("upsert", " rows", entities, delegate::upsert);
    }
    faults.run(kind, "upsert", () -> delegate.upsert(entities));
  }

  /**
   * The delegate's completion for the queue under {@code queue}'s own faults (a {@link
   * FaultyWorkQueue}'s, taken off: a combined commit never reaches the queue's decorator), with
   * faults of this table.
   */
  @Override
  public Optional<AtomicCompletion> atomicCompletion(WorkQueue queue) {
    WorkQueue unfaulted = queue instanceof FaultyWorkQueue faulty ? faulty.unfaulted() : queue;
    return delegate
        .atomicCompletion(unfaulted)
        .map(
            completion ->
                (entities, receipts) -> {
                  FaultKind kind = faults.draw();
                  return faults.garble(
                      kind,
                      faults.apply(
                          kind,
                          "upsertAndDelete",
                          () -> completion.upsertAndDelete(entities, receipts)));
                });
  }

  @Override
  public Optional<Entity> get(String partitionKey, String rowKey) {
    return faults.call("get", () -> delegate.get(partitionKey, rowKey));
  }

  @Override
  public List<Entity> query(TableQuery query) {
    FaultKind kind = faults.draw();
    return faults.fewer(kind, faults.apply(kind, "query", () -> delegate.query(query)));
  }

  @Override
  public long count() {
    return faults.call("count", delegate::count);
  }
}
