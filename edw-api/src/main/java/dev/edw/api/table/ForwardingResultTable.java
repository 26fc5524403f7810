package dev.edw.api.table;

import dev.edw.api.backend.ResourceUri;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A table that hands every call to another; decorators extend it and override only what they
 * change. {@link #close()} does not close the delegate.
 */
public abstract class ForwardingResultTable implements ResultTable {
  protected final ResultTable delegate;

  protected ForwardingResultTable(ResultTable delegate) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "'delegate' cannot be null.");
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
    delegate.upsert(entities);
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
  public long scan(int pageSize, Consumer<List<Entity>> page) {
    return delegate.scan(pageSize, page);
  }

  @Override
  public long count() {
    return delegate.count();
  }

  @Override
  public void close() {}
}
