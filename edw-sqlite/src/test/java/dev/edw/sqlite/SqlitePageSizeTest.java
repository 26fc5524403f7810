package dev.edw.sqlite;

import static dev.edw.sqlite.ScratchStore.execute;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file the store creates gets its page size; a file made before keeps its own, and works. */
class SqlitePageSizeTest {
  @TempDir Path dir;

  @Test
  void the_wal_is_checkpointed_at_the_same_size_in_bytes_whatever_the_page_size() throws Exception {
    SqliteStore store = ScratchStore.open(dir.resolve("w.db"));
    // the writer's connection: it is the one whose commits checkpoint
    long pages =
        store.inTransaction(
            "threshold",
            s -> {
              try (ResultSet r = s.prepare("PRAGMA wal_autocheckpoint").executeQuery()) {
                r.next();
                return r.getLong(1);
              }
            });
    store.close();

    assertThat(pages * SqliteStore.PAGE_SIZE).isEqualTo(WalCheckpoint.BYTES);
  }

  private static String pragma(Path file, String name) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA " + name)) {
      r.next();
      return r.getString(1);
    }
  }

  @Test
  void a_new_file_is_made_with_the_stores_page_size_in_wal_mode() throws Exception {
    Path file = dir.resolve("new.db");
    SqliteStore store = ScratchStore.open(file);
    store.close();

    assertThat(pragma(file, "page_size")).isEqualTo(Integer.toString(SqliteStore.PAGE_SIZE));
    assertThat(pragma(file, "journal_mode")).isEqualTo("wal");
  }

  @Test
  void a_file_made_before_with_smaller_pages_keeps_them_and_takes_writes() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA page_size = 4096");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("CREATE TABLE kept(x INTEGER)");
      s.execute("INSERT INTO kept VALUES (7)");
    }

    SqliteStore store = ScratchStore.open(file);
    store.inTransaction("fill", s -> execute(s, "INSERT INTO t VALUES (1), (2)"));
    long rows =
        store.inReadTransaction(
            "count",
            s -> {
              try (ResultSet r =
                  s.prepare("SELECT (SELECT count(*) FROM t) + (SELECT x FROM kept)")
                      .executeQuery()) {
                r.next();
                return r.getLong(1);
              }
            });
    store.close();

    assertThat(rows).isEqualTo(9);
    assertThat(pragma(file, "page_size")).isEqualTo("4096");
  }
}
