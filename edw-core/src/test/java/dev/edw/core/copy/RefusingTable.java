package dev.edw.core.copy;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ForwardingResultTable;
import dev.edw.api.table.ResultTable;
import java.util.List;

/** A real table whose upserts fail once {@code acceptedUpserts} upsert calls have succeeded. */
final class RefusingTable extends ForwardingResultTable {
  private int acceptedUpserts;

  RefusingTable(ResultTable delegate, int acceptedUpserts) {
    super(delegate);
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
  public void close() {
    delegate.close();
  }
}
