package dev.edw.sqlite;

import dev.edw.api.EdwException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * One SQLite database file in WAL mode, shared by every queue, table and blob store of a process
 * that names it. SQLite runs one writer at a time, so the store uses one connection behind a lock;
 * other processes of edw wait for the file's {@link WriterLock} (asleep in the kernel), and
 * programs that do not take it are waited for on SQLite's own file lock ({@link BusyWait}, up to
 * the busy timeout). Each unit of work is one {@code BEGIN IMMEDIATE} transaction, so a read never
 * has to be upgraded into a write under contention.
 */
final class SqliteStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

  private final Path file;
  private final SqliteOptions options;
  private final DiskReserve reserve;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Connection connection;
  private WriterLock writers;
  private volatile WriterLock counters;
  private BusyWait busyWait;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private Statement control;
  private final GroupCommit group = new GroupCommit();

  // A second connection for read-only work (a depth count scans the whole queue: 115 ms for
  // 200,000 messages), so that a read never holds up the writer: in WAL mode a reader and the
  // writer run at once. Guarded by readLock; opened on the first read.
  private final ReentrantLock readLock = new ReentrantLock();
  private Connection reader;
  private Statement readControl;
  private final Map<String, PreparedStatement> readStatements = new HashMap<>();
  private final ReentrantLock arrivalLock = new ReentrantLock();
  private final java.util.concurrent.locks.Condition arrival = arrivalLock.newCondition();

  SqliteStore(Path file, SqliteOptions options) {
    this.file = file;
    this.options = options;
    this.reserve = new DiskReserve(file.toAbsolutePath());
  }

  /**
   * Opens the file, creating it and its directory, on the first transaction rather than when the
   * store is made, so that a command that only looks (queue stats on a missing queue) leaves no
   * file behind. Called with {@link #lock} held.
   */
  private void openIfNeeded() {
    if (connection != null) {
      return;
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection opened;
      BusyWait waits = new BusyWait(options.busyTimeout());
      try {
        opened = open(file, options, waits);
      } catch (SQLException e) {
        if (!isDiskFull(e) || !reserve.release()) {
          throw e;
        }
        opened = open(file, options, waits);
      }
      busyWait = waits;
      control = opened.createStatement();
      writers = WriterLock.of(file);
      counters = WriterLock.of(file, WriterLock.COUNT_SUFFIX);
      connection = opened;
      reserve.ensure();
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

  /**
   * The page size of a file this store creates (a file made before keeps its own). SQLite writes a
   * commit's pages to the WAL one frame at a time, two writes a frame, and copies them again at
   * each checkpoint, so per message the cost of a commit is mostly system calls; with 16 KiB pages
   * a drain made a third as many (docs/backends/sqlite.md).
   */
  static final int PAGE_SIZE = 16_384;

  private static Connection open(Path file, SqliteOptions options, BusyWait waits)
      throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(options.synchronous());
    config.setBusyTimeout((int) options.busyTimeout().toMillis());
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-16_384);
    Connection connection = config.createConnection("jdbc:sqlite:" + file);
    try {
      BusyHandler.setHandler(connection, waits);
      try (Statement pragmas = connection.createStatement()) {
        // in this order: switching a new file to WAL writes its header, which fixes the page size
        pragmas.execute("PRAGMA page_size = " + PAGE_SIZE);
        pragmas.execute("PRAGMA journal_mode = WAL");
        WalCheckpoint.apply(pragmas);
      }
      SqliteSchema.apply(connection);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Whether SQLite failed for want of disk space (the WAL's shared memory included). */
  private static boolean isDiskFull(SQLException e) {
    if (!(e instanceof SQLiteException sqlite)) {
      return false;
    }
    String code = sqlite.getResultCode().name();
    return code.equals("SQLITE_FULL") || code.equals("SQLITE_IOERR_SHMSIZE");
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
   * Runs {@code work} in a write transaction ({@code BEGIN IMMEDIATE}: the write lock is taken up
   * front, so it never has to be upgraded under contention) and returns once that transaction has
   * committed (durably, at the file's sync setting); rolls its work back on any failure. Work that
   * other threads of this process hand in while a commit is under way is committed together in the
   * next transaction (group commit, see {@link GroupCommit}), each unit inside a savepoint of its
   * own so that one unit's failure undoes only that unit. The connection stays in auto-commit mode
   * between transactions, so no lock is held while the store is idle and other processes can write.
   */
  <T> T inTransaction(String what, Work<T> work) {
    GroupCommit.Unit<T> unit = new GroupCommit.Unit<>(what, work);
    group.add(unit);
    lock.lock();
    try {
      openIfNeeded();
      while (!unit.done()) {
        group.commitNext(this);
      }
    } finally {
      lock.unlock();
    }
    return unit.result();
  }

  /** Runs one control statement (BEGIN, COMMIT, SAVEPOINT ...); only under the store's lock. */
  void control(String sql) throws SQLException {
    control.execute(sql);
  }

  /**
   * Takes the file's {@link WriterLock} (up to the busy timeout), then begins a {@code BEGIN
   * IMMEDIATE} transaction; lets the lock go again if the begin fails. Each call that returned must
   * be followed by {@link #endWrite} once the transaction has committed or rolled back. Only under
   * the store's lock.
   */
  void beginWrite() throws SQLException {
    writers.acquire(options.busyTimeout());
    try {
      control.execute("BEGIN IMMEDIATE");
    } catch (SQLException | RuntimeException e) {
      writers.release();
      throw e;
    }
  }

  /**
   * Runs {@code work} holding the file's count lock ({@link WriterLock#COUNT_SUFFIX}) if no other
   * thread or process holds it, else returns empty at once: one process at a time counts a queue
   * for the shared depth. Never waits for that lock: POSIX locks belong to the process, so a
   * process waiting in the kernel for the count lock while another of its threads holds the writer
   * lock (or the reverse) can close a cycle that the kernel fails with {@code EDEADLK}, as
   * measured. Only once the store is open (after any transaction).
   */
  <T> java.util.Optional<T> ifNoOneCounts(java.util.function.Supplier<T> work) {
    WriterLock turn = counters;
    if (turn == null) {
      return java.util.Optional.of(work.get());
    }
    if (!turn.tryAcquire()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(work.get());
    } finally {
      turn.release();
    }
  }

  /** Lets the {@link WriterLock} go, after the commit or rollback of a {@link #beginWrite}. */
  void endWrite() {
    writers.release();
  }

  /**
   * Like {@link #inTransaction}, for work that drains the store (receive, delete, lease changes).
   * If it fails for want of disk space, the store first frees its disk reserve, then checkpoints
   * its WAL into the database and truncates it ({@code wal_checkpoint(TRUNCATE)}), and tries once
   * more. The order matters: the WAL a producer left behind when the disk filled holds pages that
   * are new to the database, so the checkpoint needs room to grow the database file by that much;
   * it gets the whole reserve only if nothing is written first. Once the WAL is truncated, its
   * space is free for the drain's own writes, and deletes free pages for reuse.
   */
  <T> T inDrainTransaction(String what, Work<T> work) {
    try {
      return inTransaction(what, work);
    } catch (EdwException e) {
      if (!(e.getCause() instanceof SQLException sql) || !isDiskFull(sql)) {
        throw e;
      }
      lock.lock();
      try {
        boolean released = reserve.release();
        if (!truncateWal() && !released) {
          throw e;
        }
        return writeTransaction(what, work);
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Checkpoints the whole WAL and truncates it to nothing; returns whether it did. A checkpoint
   * that another connection's reader holds back answers busy rather than failing, and one that
   * cannot grow the database file fails with SQLITE_FULL: neither frees anything.
   */
  private boolean truncateWal() {
    try (ResultSet r = control.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      boolean done = r.next() && r.getInt(1) == 0;
      if (!done) {
        log.debug("checkpoint of {} on a full disk was held back by a reader", file);
      }
      return done;
    } catch (SQLException e) {
      log.debug("checkpoint of {} on a full disk failed: {}", file, e.toString());
      return false;
    }
  }

  /**
   * Runs read-only {@code work} in one deferred transaction on the reader's connection, which takes
   * no write lock and runs beside the writer's transactions (WAL): it sees what was committed when
   * it began. The file and its schema come from the writer's connection, as for any other first
   * use.
   */
  <T> T inReadTransaction(String what, Work<T> work) {
    if (connection == null) {
      // only until the first open: later reads must not wait for the writer's lock
      lock.lock();
      try {
        openIfNeeded();
      } finally {
        lock.unlock();
      }
    }
    readLock.lock();
    try {
      Statement control;
      try {
        control = readControl();
        control.execute("BEGIN DEFERRED");
      } catch (SQLException e) {
        throw map(what, e);
      }
      Statement begun = control;
      return runAndCommit(what, work, begun, () -> rollbackQuietly(begun));
    } finally {
      readLock.unlock();
    }
  }

  /**
   * Runs {@code work} in the transaction begun on {@code control}'s connection and commits it; on
   * any failure rolls it back and throws the failure, an SQL one mapped to this store's errors.
   */
  private <T> T runAndCommit(String what, Work<T> work, Statement control, Runnable rollback) {
    try {
      T result = work.run(this);
      control.execute("COMMIT");
      return result;
    } catch (SQLException | RuntimeException e) {
      rollback.run();
      if (e instanceof SQLException sql) {
        throw map(what, sql);
      }
      throw (RuntimeException) e;
    }
  }

  /** The reader's control statement, opening its connection first if needed; under readLock. */
  private Statement readControl() throws SQLException {
    if (reader == null) {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout((int) options.busyTimeout().toMillis());
      config.setTempStore(SQLiteConfig.TempStore.MEMORY);
      config.setCacheSize(-4_096);
      Connection opened = config.createConnection("jdbc:sqlite:" + file);
      try {
        readControl = opened.createStatement();
      } catch (SQLException e) {
        opened.close();
        throw e;
      }
      reader = opened;
    }
    return readControl;
  }

  /** Whether the calling thread is inside a read of the reader's connection (and no write). */
  private boolean reading() {
    return readLock.isHeldByCurrentThread() && !lock.isHeldByCurrentThread();
  }

  /**
   * One write transaction of its own, not shared with other calls: {@code BEGIN IMMEDIATE} under
   * the {@link WriterLock}.
   */
  private <T> T writeTransaction(String what, Work<T> work) {
    lock.lock();
    try {
      openIfNeeded();
      try {
        beginWrite();
      } catch (SQLException e) {
        throw map(what, e);
      }
      try {
        return runAndCommit(what, work, control, this::rollbackQuietly);
      } finally {
        endWrite();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A prepared statement of this connection, prepared once per text; only to be used inside {@link
   * #inTransaction}. A statement with RETURNING rows must have its result set read to the end and
   * closed, which resets it for the next use.
   */
  PreparedStatement prepare(String sql) throws SQLException {
    boolean read = reading();
    Map<String, PreparedStatement> cache = read ? readStatements : statements;
    PreparedStatement statement = cache.get(sql);
    if (statement == null) {
      statement = (read ? reader : connection).prepareStatement(sql);
      cache.put(sql, statement);
    }
    return statement;
  }

  /** A new statement of the connection of the transaction the caller is in; close it. */
  Statement statement() throws SQLException {
    return (reading() ? reader : connection).createStatement();
  }

  void rollbackQuietly() {
    rollbackQuietly(control);
  }

  private void rollbackQuietly(Statement on) {
    try {
      on.execute("ROLLBACK");
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

  /** Outages (busy, full, read-only, I/O) are retryable; everything else is not. */
  EdwException map(String what, SQLException e) {
    return SqliteErrors.map(file, what, e);
  }

  @Override
  public void close() {
    readLock.lock();
    try {
      closeConnection(readStatements, readControl, reader);
      reader = null;
    } catch (SQLException e) {
      log.warn("closing the reader of {} failed: {}", file, e.toString());
    } finally {
      readLock.unlock();
    }
    lock.lock();
    try {
      boolean open = connection != null;
      closeConnection(statements, control, connection);
      connection = null;
      if (open) {
        log.debug("closed {}: {} busy-handler wake-ups", file, busyWait.wakeUps());
        writers.close();
        writers = null;
        counters.close();
        counters = null;
      }
    } catch (SQLException e) {
      log.warn("closing {} failed: {}", file, e.toString());
    } finally {
      lock.unlock();
    }
  }

  /** Closes a connection's cached statements, then it; {@code connection} may be null. */
  private static void closeConnection(
      Map<String, PreparedStatement> cached, Statement control, Connection connection)
      throws SQLException {
    for (PreparedStatement statement : cached.values()) {
      statement.close();
    }
    cached.clear();
    if (connection != null) {
      control.close();
      connection.close();
    }
  }
}
