package dev.edw.api.table;

import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.WorkQueue;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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

  /**
   * Writing rows and deleting messages of {@code queue} in one transaction ({@link
   * AtomicCompletion}), where this table and the queue live in the same store; empty otherwise, and
   * by default. A decorator that changes {@link #upsert} returns empty unless it applies its change
   * to the completion too, so that nothing it adds is bypassed.
   */
  default Optional<AtomicCompletion> atomicCompletion(WorkQueue queue) {
    return Optional.empty();
  }

  /** The entity with these keys, if there is one. */
  Optional<Entity> get(String partitionKey, String rowKey);

  /** Entities in key order, optionally of one partition, at most {@code query.limit()}. */
  List<Entity> query(TableQuery query);

  /**
   * Reads every entity once, handing them to {@code page} in pages of at most {@code pageSize}, in
   * the backend's scan order (key order in the embedded store, hash order in DynamoDB). Each page
   * is read with its own call, so the table never has to fit in memory; rows written during a scan
   * may or may not be seen. An exception from {@code page} stops the scan and is rethrown.
   *
   * <p>The default reads the whole table with one {@link #query} and pages it in memory; backends
   * override it with a real continuation (a key cursor, DynamoDB's LastEvaluatedKey, Azure's
   * continuation token).
   *
   * @return how many entities were read
   */
  default long scan(int pageSize, Consumer<List<Entity>> page) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("'pageSize' must be at least 1.");
    }
    List<Entity> all = query(TableQuery.all(Integer.MAX_VALUE));
    for (int from = 0; from < all.size(); from += pageSize) {
      page.accept(all.subList(from, Math.min(all.size(), from + pageSize)));
    }
    return all.size();
  }

  /** How many entities the table holds. */
  long count();

  @Override
  void close();
}
