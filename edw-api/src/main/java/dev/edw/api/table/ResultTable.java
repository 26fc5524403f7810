package dev.edw.api.table;

import dev.edw.api.backend.ResourceUri;
import java.util.List;
import java.util.Optional;

/**
 * A table of entities keyed by (PartitionKey, RowKey), as Azure Table storage, DynamoDB and the
 * embedded store offer.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use.
 *
 * <p><b>Semantics:</b> {@link #upsert} is idempotent: writing the same entity twice leaves one row,
 * with the properties of the last write (insert-or-replace). When {@code upsert} returns, every
 * entity is durable. When it throws, any subset may have been written; calling it again with the
 * same entities is always safe.
 */
public interface ResultTable extends AutoCloseable {

  ResourceUri uri();

  default String name() {
    return uri().name();
  }

  /** Largest batch the service writes in one call (Azure 100 in one partition, DynamoDB 25). */
  int maxBatch();

  boolean createIfMissing();

  boolean exists();

  /** Inserts or replaces every entity; batches by {@link #maxBatch()} itself. */
  void upsert(List<Entity> entities);

  /** The entity with these keys, if there is one. */
  Optional<Entity> get(String partitionKey, String rowKey);

  /** Entities in key order, optionally of one partition, at most {@code query.limit()}. */
  List<Entity> query(TableQuery query);

  /** How many entities the table holds. */
  long count();

  @Override
  void close();
}
