package dev.edw.sqlite;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Maps SQLite's result codes to edw's exceptions. What goes wrong with the machine rather than the
 * request is an outage and retryable, so the runtime backs off and never blames a message for it: a
 * busy or locked database (another process holds the write lock past the busy timeout), a full
 * disk, a file that became read-only, an I/O error, a file that cannot be opened, memory running
 * out. Anything else (a constraint, a malformed statement, a corrupt file) is not retryable.
 */
final class SqliteErrors {
  private SqliteErrors() {}

  static EdwException map(Path file, String what, SQLException e) {
    SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
    String outage = code == null ? null : outage(code);
    if (outage != null) {
      return new BackendUnavailableException(
          "SQLite " + what + " failed on " + file + " (" + outage + "): " + e.getMessage(), e);
    }
    return new EdwException(
        "SQLite " + what + " failed on " + file + ": " + e.getMessage(), false, e);
  }

  /** What the machine is short of, for the result codes that are outages; null for the others. */
  static String outage(SQLiteErrorCode code) {
    String name = code.name();
    if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")) {
      return "database locked by another writer past the busy timeout; will retry";
    }
    if (name.startsWith("SQLITE_FULL")) {
      return "disk full; will retry once space is freed";
    }
    if (name.startsWith("SQLITE_READONLY")) {
      return "database file or its directory is read-only; will retry";
    }
    if (name.startsWith("SQLITE_IOERR")) {
      return "I/O error; will retry";
    }
    if (name.startsWith("SQLITE_CANTOPEN")) {
      return "cannot open the database file or its journal; will retry";
    }
    if (name.startsWith("SQLITE_NOMEM")) {
      return "out of memory; will retry";
    }
    if (name.startsWith("SQLITE_PROTOCOL")) {
      return "file-lock protocol error; will retry";
    }
    return null;
  }
}
