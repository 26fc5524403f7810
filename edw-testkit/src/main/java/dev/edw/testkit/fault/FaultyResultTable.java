package dev.edw.testkit.fault;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A table that injects faults into the calls it hands on, as drawn by {@link Faults}. Partial
 * answers: an upsert that writes only the first entities and then fails (which the SPI allows); a
 * query that returns fewer rows. Creation and scans are never faulted, so a test can check the end
 * state through the same object. {@link #close()} does not close the delegate. Thread-safe if the
 * delegate is.
 */
public final class FaultyResultTable implements ResultTable {
  private final ResultTable delegate;
  private final Faults faults;

  public FaultyResultTable(ResultTable delegate, Faults faults) {
    this.delegate = Objects.requireNonNull(delegate, "'delegate' cannot be null.");
    this.faults = Objects.requireNonNull(faults, "'faults' cannot be null.");
  }

  @Override
  public ResourceUri uri() {
    return delegate.uri();
  }

  @Override
  public int maxBatch() {
    return delegate.maxBatch();
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
  public void upsert(List<Entity> entities) {
    FaultKind kind = faults.draw();
    if (kind == FaultKind.PARTIAL && entities.size() > 1) {
      int written = faults.nextInt(entities.size());
      delegate.upsert(entities.subList(0, written));
      throw new BackendUnavailableException(
          "injected: upsert failed after " + written + " of " + entities.size() + " rows", null);
    }
    faults.apply(
        kind,
        "upsert",
        () -> {
          delegate.upsert(entities);
          return null;
        });
  }

  @Override
  public Optional<Entity> get(String partitionKey, String rowKey) {
    return faults.apply(faults.draw(), "get", () -> delegate.get(partitionKey, rowKey));
  }

  @Override
  public List<Entity> query(TableQuery query) {
    FaultKind kind = faults.draw();
    List<Entity> rows = faults.apply(kind, "query", () -> delegate.query(query));
    return kind == FaultKind.PARTIAL && !rows.isEmpty()
        ? List.copyOf(rows.subList(0, faults.nextInt(rows.size())))
        : rows;
  }

  @Override
  public long scan(int pageSize, Consumer<List<Entity>> page) {
    return delegate.scan(pageSize, page);
  }

  @Override
  public long count() {
    return faults.apply(faults.draw(), "count", delegate::count);
  }

  @Override
  public void close() {}
}
