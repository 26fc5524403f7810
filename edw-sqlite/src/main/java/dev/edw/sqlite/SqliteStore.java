package dev.edw.sqlite;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite database file in WAL mode, shared by every queue, table and blob store of a process
 * that names it. SQLite runs one writer at a time, so the store uses one connection behind a lock;
 * other processes wait on SQLite's own file lock (busy timeout). Each unit of work is one {@code
 * BEGIN IMMEDIATE} transaction, so a read never has to be upgraded into a write under contention.
 */
final class SqliteStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

  private final Path file;
  private final SqliteOptions options;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private Statement control;
  private final ReentrantLock arrivalLock = new ReentrantLock();
  private final java.util.concurrent.locks.Condition arrival = arrivalLock.newCondition();

  SqliteStore(Path file, SqliteOptions options) {
    this.file = file;
    this.options = options;
  }

  /**
   * Opens the file, creating it and its directory, on the first transaction rather than when the
   * store is made, so that a command that only looks (queue stats on a missing queue) leaves no
   * file behind. Called with {@link #lock} held.
   */
  private void open() {
    if (connection != null) {
      return;
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(options.synchronous());
      config.setBusyTimeout((int) options.busyTimeout().toMillis());
      config.setTempStore(SQLiteConfig.TempStore.MEMORY);
      config.setCacheSize(-16_384);
      Connection opened = config.createConnection("jdbc:sqlite:" + file);
      SqliteSchema.apply(opened);
      control = opened.createStatement();
      connection = opened;
      log.debug("opened {} ({})", file, options);
    } catch (SQLException e) {
      throw map("open " + file, e);
    } catch (java.io.IOException e) {
      throw new EdwException("cannot create the directory of " + file + ": " + e, false, e);
    }
  }

  /** Whether the database file exists (or this store has it open); nothing exists without it. */
  boolean fileExists() {
    return connection != null || Files.exists(file);
  }

  Path file() {
    return file;
  }

  SqliteOptions options() {
    return options;
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(SqliteStore store) throws SQLException;
  }

  /**
   * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}: the write lock is taken up
   * front, so it never has to be upgraded under contention) and commits it; rolls back on any
   * failure. The connection stays in auto-commit mode between transactions, so no lock is held
   * while the store is idle and other processes can write.
   */
  <T> T inTransaction(String what, Work<T> work) {
    return transaction("BEGIN IMMEDIATE", what, work);
  }

  /** Runs read-only {@code work} in one deferred transaction, which takes no write lock. */
  <T> T inReadTransaction(String what, Work<T> work) {
    return transaction("BEGIN DEFERRED", what, work);
  }

  private <T> T transaction(String begin, String what, Work<T> work) {
    lock.lock();
    try {
      open();
      try {
        control.execute(begin);
        T result = work.run(this);
        control.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly();
        if (e instanceof SQLException sql) {
          throw map(what, sql);
        }
        throw (RuntimeException) e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** A prepared statement of this connection; only to be used inside {@link #inTransaction}. */
  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /** A statement with RETURNING rows; not cached, since sqlite-jdbc keeps their cursors open. */
  PreparedStatement prepareFresh(String sql) throws SQLException {
    return connection.prepareStatement(sql);
  }

  Statement statement() throws SQLException {
    return connection.createStatement();
  }

  private void rollbackQuietly() {
    try {
      control.execute("ROLLBACK");
    } catch (SQLException e) {
      // BEGIN itself failed (e.g. busy): there is no transaction to roll back
      log.debug("rollback on {}: {}", file, e.toString());
    }
  }

  /** Wakes receivers of this process waiting for messages: a send committed. */
  void signalArrival() {
    arrivalLock.lock();
    try {
      arrival.signalAll();
    } finally {
      arrivalLock.unlock();
    }
  }

  /**
   * Waits up to {@code nanos} for a send of this process to commit. Sends of other processes are
   * not seen, so callers wait in short slices and look again.
   */
  void awaitArrival(long nanos) throws InterruptedException {
    arrivalLock.lock();
    try {
      arrival.awaitNanos(nanos);
    } finally {
      arrivalLock.unlock();
    }
  }

  /** Busy and locked databases are retryable; everything else is not. */
  EdwException map(String what, SQLException e) {
    String message = "SQLite " + what + " failed on " + file + ": " + e.getMessage();
    if (e instanceof SQLiteException sqlite) {
      SQLiteErrorCode code = sqlite.getResultCode();
      if (code == SQLiteErrorCode.SQLITE_BUSY
          || code == SQLiteErrorCode.SQLITE_LOCKED
          || code.name().startsWith("SQLITE_BUSY")
          || code.name().startsWith("SQLITE_LOCKED")
          || code.name().startsWith("SQLITE_IOERR")) {
        return new BackendUnavailableException(message, e);
      }
    }
    return new EdwException(message, false, e);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      for (PreparedStatement statement : statements.values()) {
        statement.close();
      }
      statements.clear();
      if (connection != null) {
        control.close();
        connection.close();
        connection = null;
      }
    } catch (SQLException e) {
      log.warn("closing {} failed: {}", file, e.toString());
    } finally {
      lock.unlock();
    }
  }
}
