package dev.edw.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * When a commit checkpoints the WAL: at about 4 MiB, SQLite's default of 1,000 pages of 4 KiB,
 * whatever a file's page size. The disk reserve ({@link DiskReserve}) is sized to fit one such
 * checkpoint twice, and the bench's plain loop checkpoints at the same size as the store, so that
 * the two differ only in the machinery around SQLite.
 */
public final class WalCheckpoint {
  /** The WAL's size, in bytes, at which a commit checkpoints it. */
  public static final long BYTES = 1_000L * 4_096;

  private WalCheckpoint() {}

  /** The auto-checkpoint threshold, in pages of {@code pageSize} bytes, for {@link #BYTES}. */
  public static long pages(long pageSize) {
    return Math.max(1, BYTES / pageSize);
  }

  /**
   * Sets the auto-checkpoint threshold of {@code statement}'s connection (a per-connection setting)
   * to {@link #BYTES}, in the pages of its file.
   */
  public static void apply(Statement statement) throws SQLException {
    long pageSize;
    try (ResultSet r = statement.executeQuery("PRAGMA page_size")) {
      pageSize = r.next() ? r.getLong(1) : 4_096;
    }
    statement.execute("PRAGMA wal_autocheckpoint = " + pages(pageSize));
  }
}
