package dev.edw.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.sqlite.SQLiteConfig.SynchronousMode;

/** A store of one table {@code t(x INTEGER PRIMARY KEY)}, for tests of the store's machinery. */
final class ScratchStore {
  private ScratchStore() {}

  /** Opens {@code file} (durable commits, a 5 s busy timeout) and makes table {@code t}. */
  static SqliteStore open(Path file) {
    SqliteStore store =
        new SqliteStore(file, new SqliteOptions(SynchronousMode.FULL, Duration.ofSeconds(5)));
    store.inTransaction("create", s -> execute(s, "CREATE TABLE t(x INTEGER PRIMARY KEY)"));
    return store;
  }

  /** Runs one statement inside the caller's transaction; returns the rows it changed. */
  static Integer execute(SqliteStore s, String sql) throws SQLException {
    try (Statement statement = s.statement()) {
      return statement.executeUpdate(sql);
    }
  }
}
