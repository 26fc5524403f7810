package dev.edw.testkit.fault;

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
 * query that returns fewer rows. Creation and scans are never faulted, so a test can check the end
 * state through the same object. {@link #close()} does not close the delegate. Thread-safe if the
 * delegate is.
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
