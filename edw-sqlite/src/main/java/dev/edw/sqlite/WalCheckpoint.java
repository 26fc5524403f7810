package dev.edw.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * When a commit checkpoints the WAL: at about 16 MiB, SQLite's default of 1,000 pages for the 16
 * KiB pages of a new store, and the same size in bytes (4,000 pages) for a file made with 4 KiB
 * pages. A queue's rows are often written and deleted within one such window, so a larger window
 * copies fewer of them into the database; 16 MiB measured faster than 4 MiB in the bench (see
 * docs/benchmarks.md). The disk reserve ({@link DiskReserve}) is sized to fit one such checkpoint
 * twice, and the bench's plain loop checkpoints at the same size as the store, so that the two
 * differ only in the machinery around SQLite.
 */
public final class WalCheckpoint {
  /** The WAL's size, in bytes, at which a commit checkpoints it. */
  public static final long BYTES = 1_000L * 16_384;

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
