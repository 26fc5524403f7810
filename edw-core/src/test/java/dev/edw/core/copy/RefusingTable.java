package dev.edw.core.copy;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import java.util.List;
import java.util.Optional;

/** A real table whose upserts fail once {@code acceptedUpserts} upsert calls have succeeded. */
final class RefusingTable implements ResultTable {
  private final ResultTable delegate;
  private int acceptedUpserts;

  RefusingTable(ResultTable delegate, int acceptedUpserts) {
    this.delegate = delegate;
    this.acceptedUpserts = acceptedUpserts;
  }

  @Override
  public void upsert(List<Entity> entities) {
    if (acceptedUpserts-- <= 0) {
      throw new BackendUnavailableException("throttled (test)", null);
    }
    delegate.upsert(entities);
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
    delegate.close();
  }
}
