package dev.edw.api.table;

/**
 * Which entities to list.
 *
 * @param partitionKey only this partition, or null for all
 * @param limit at most this many, at least 1
 */
public record TableQuery(String partitionKey, int limit) {
  public static final int DEFAULT_LIMIT = 100;

  public TableQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("'limit' must be at least 1.");
    }
  }

  public static TableQuery all(int limit) {
    return new TableQuery(null, limit);
  }

  public static TableQuery partition(String partitionKey, int limit) {
    return new TableQuery(partitionKey, limit);
  }
}
