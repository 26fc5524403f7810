package dev.edw.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The tables of the embedded store. Created on first open; every statement is idempotent. */
final class SqliteSchema {
  private SqliteSchema() {}

  private static final String[] STATEMENTS = {
    """
    CREATE TABLE IF NOT EXISTS edw_resources(
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY(kind, name)) WITHOUT ROWID""",
    """
    CREATE TABLE IF NOT EXISTS edw_messages(
      seq INTEGER PRIMARY KEY,
      queue TEXT NOT NULL,
      id TEXT NOT NULL,
      body TEXT NOT NULL,
      group_id TEXT,
      enqueued_at INTEGER NOT NULL,
      visible_at INTEGER NOT NULL,
      dequeue_count INTEGER NOT NULL DEFAULT 0,
      lease INTEGER)""",
    "CREATE INDEX IF NOT EXISTS edw_messages_ready ON edw_messages(queue, visible_at, seq)",
    """
    CREATE TABLE IF NOT EXISTS edw_entities(
      tbl TEXT NOT NULL,
      pk TEXT NOT NULL,
      rk TEXT NOT NULL,
      props TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY(tbl, pk, rk)) WITHOUT ROWID""",
    """
    CREATE TABLE IF NOT EXISTS edw_blobs(
      container TEXT NOT NULL,
      name TEXT NOT NULL,
      content BLOB NOT NULL,
      size INTEGER NOT NULL,
      modified_at INTEGER NOT NULL)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS edw_blobs_name ON edw_blobs(container, name)",
  };

  static void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : STATEMENTS) {
        statement.execute(sql);
      }
    }
  }
}
