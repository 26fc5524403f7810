package dev.edw.core.bench;

import dev.edw.api.backend.ResourceUri;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import java.util.List;
import java.util.Optional;

/** A table that records how long each upsert takes; for benchmarks. */
final class TimedTable implements ResultTable {
  private final ResultTable delegate;
  private final Timings timings;

  TimedTable(ResultTable delegate, Timings timings) {
    this.delegate = delegate;
    this.timings = timings;
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
    long t = System.nanoTime();
    delegate.upsert(entities);
    timings.record("table.upsert", t, entities.size());
  }

  @Override
  public Optional<Entity> get(String partitionKey, String rowKey) {
    return delegate.get(partitionKey, rowKey);
  }

  @Override
  public List<Entity> query(TableQuery query) {
    return delegate.query(query);
  }

  @Override
  public long count() {
    return delegate.count();
  }

  @Override
  public void close() {
    // the caller closes the delegate
  }
}
