package dev.edw.sqlite;

import dev.edw.api.backend.ResourceKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of the embedded store. A catalog names every queue, table and blob container; each
 * queue and each result table has a table of its own ({@code edw_q_<id>}, {@code edw_t_<id>}), so
 * rows carry no resource name. A queue's fresh messages are leased a range at a time ({@code
 * edw_cursor}, {@code edw_ranges}) without writing their rows; only messages leased one by one
 * (redelivered, delayed, their lease changed) carry a lease of their own, and a partial index
 * ({@link #leasedIndex}) finds just those. Blobs of all containers share one table. Every statement
 * is idempotent.
 */
final class SqliteSchema {
  private SqliteSchema() {}

  private static final String[] STATEMENTS = {
    """
    CREATE TABLE IF NOT EXISTS edw_catalog(
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      incarnation TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE(kind, name))""",
    """
    CREATE TABLE IF NOT EXISTS edw_blobs(
      container TEXT NOT NULL,
      name TEXT NOT NULL,
      content BLOB NOT NULL,
      size INTEGER NOT NULL,
      modified_at INTEGER NOT NULL)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS edw_blobs_name ON edw_blobs(container, name)",
    // The last count of each queue, shared by the processes of the file (SqliteWorkQueue.depth).
    """
    CREATE TABLE IF NOT EXISTS edw_depth(
      queue_table TEXT PRIMARY KEY,
      counted_at INTEGER NOT NULL,
      visible INTEGER NOT NULL,
      in_flight INTEGER NOT NULL,
      delayed INTEGER NOT NULL) WITHOUT ROWID""",
    // Range leases (SqliteWorkQueue): how far each queue's receives have claimed fresh messages,
    // and the ranges leased and not yet done.
    """
    CREATE TABLE IF NOT EXISTS edw_cursor(
      queue_table TEXT PRIMARY KEY,
      claimed_through INTEGER NOT NULL) WITHOUT ROWID""",
    """
    CREATE TABLE IF NOT EXISTS edw_ranges(
      queue_table TEXT NOT NULL,
      lease INTEGER NOT NULL,
      lo INTEGER NOT NULL,
      hi INTEGER NOT NULL,
      visible_at INTEGER NOT NULL,
      PRIMARY KEY(queue_table, lease)) WITHOUT ROWID""",
  };

  static void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : STATEMENTS) {
        statement.execute(sql);
      }
    }
  }

  /** The table holding a resource's rows, or null for kinds that share one (blobs). */
  static String tableOf(ResourceKind kind, long id) {
    return switch (kind) {
      case QUEUE -> "edw_q_" + id;
      case TABLE -> "edw_t_" + id;
      case BLOB -> null;
    };
  }

  /**
   * DDL of a queue's index of the messages leased one by one: those with a lease of their own, by
   * the time they become visible. Fresh messages, and those leased in a range, are not in it.
   */
  static String leasedIndex(String table) {
    return "CREATE INDEX IF NOT EXISTS "
        + leasedIndexName(table)
        + " ON "
        + table
        + "(visible_at) WHERE lease IS NOT NULL";
  }

  static String leasedIndexName(String table) {
    return table + "_leased";
  }

  /** DDL of a resource's own table. */
  static String createTable(ResourceKind kind, String table) {
    return switch (kind) {
      // AUTOINCREMENT: a sequence number is never reused, so message ids stay unique even
      // after the queue has been emptied.
      case QUEUE ->
          "CREATE TABLE IF NOT EXISTS "
              + table
              + "(seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, group_id TEXT,"
              + " enqueued_at INTEGER NOT NULL, visible_at INTEGER NOT NULL,"
              + " dequeue_count INTEGER NOT NULL DEFAULT 0, lease INTEGER)";
      case TABLE ->
          "CREATE TABLE IF NOT EXISTS "
              + table
              + "(pk TEXT NOT NULL, rk TEXT NOT NULL, props TEXT NOT NULL,"
              + " updated_at INTEGER NOT NULL, PRIMARY KEY(pk, rk)) WITHOUT ROWID";
      case BLOB -> null;
    };
  }
}
