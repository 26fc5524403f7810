package dev.edw.sqlite;

import dev.edw.api.EdwException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Group commit for one store: write work handed in by several threads of a process (a producer's
 * send, the poller's receive, the writer's upsert, the acknowledger's delete) while a commit is
 * under way waits in a queue, and the next thread to get the store's lock runs all of it in one
 * transaction with one commit, so at {@code sync=full} one fsync serves several calls. Each unit
 * runs in a savepoint of its own: a unit that fails is rolled back alone and its caller gets its
 * error; the others commit. Every caller returns only after the commit that holds its work, so a
 * call that returned is as durable as it was with a transaction of its own.
 *
 * <p>Thread-safety: {@link #add} from any thread; {@link #commitNext} only under the store's lock.
 */
final class GroupCommit {
  /** At most this many units share one transaction, so a commit's latency stays bounded. */
  static final int MAX_UNITS = 16;

  /** One caller's work and, once its transaction ended, its outcome. */
  static final class Unit<T> {
    private final String what;
    private final SqliteStore.Work<T> work;
    private T result;
    private RuntimeException failure;
    private volatile boolean done;

    Unit(String what, SqliteStore.Work<T> work) {
      this.what = what;
      this.work = work;
    }

    boolean done() {
      return done;
    }

    T result() {
      if (failure != null) {
        throw failure;
      }
      return result;
    }

    private void run(SqliteStore store) {
      try {
        result = work.run(store);
      } catch (SQLException e) {
        failure = store.map(what, e);
      } catch (RuntimeException e) {
        failure = e;
      }
    }
  }

  private final ConcurrentLinkedQueue<Unit<?>> waiting = new ConcurrentLinkedQueue<>();

  void add(Unit<?> unit) {
    waiting.add(unit);
  }

  /** Runs and commits the units waiting now (up to {@link #MAX_UNITS}) in one transaction. */
  void commitNext(SqliteStore store) {
    List<Unit<?>> units = new ArrayList<>();
    Unit<?> next;
    while (units.size() < MAX_UNITS && (next = waiting.poll()) != null) {
      units.add(next);
    }
    if (units.isEmpty()) {
      return;
    }
    try {
      store.beginWrite();
    } catch (SQLException e) {
      finish(units, store, e);
      return;
    } catch (RuntimeException e) {
      for (Unit<?> u : units) {
        u.failure = e;
        u.done = true;
      }
      return;
    }
    try {
      runAndCommit(units, store);
    } finally {
      store.endWrite();
    }
  }

  /** The units' work and the commit, inside the transaction {@link #commitNext} began. */
  private static void runAndCommit(List<Unit<?>> units, SqliteStore store) {
    if (units.size() == 1) {
      Unit<?> only = units.get(0);
      only.run(store);
      if (only.failure != null) {
        store.rollbackQuietly();
        only.done = true;
        return;
      }
    } else {
      for (Unit<?> unit : units) {
        if (!runInSavepoint(unit, store)) {
          // the savepoint could not be rolled back: the whole transaction is gone
          store.rollbackQuietly();
          finish(units, store, null);
          return;
        }
      }
    }
    try {
      store.control("COMMIT");
    } catch (SQLException e) {
      store.rollbackQuietly();
      finish(units, store, e);
      return;
    }
    units.forEach(u -> u.done = true);
  }

  /** Runs one unit in a savepoint; false if its failure could not be undone alone. */
  private static boolean runInSavepoint(Unit<?> unit, SqliteStore store) {
    try {
      store.control("SAVEPOINT edw_unit");
    } catch (SQLException e) {
      unit.failure = store.map(unit.what, e);
      return false;
    }
    unit.run(store);
    try {
      if (unit.failure != null) {
        store.control("ROLLBACK TO edw_unit");
      }
      store.control("RELEASE edw_unit");
      return true;
    } catch (SQLException e) {
      if (unit.failure == null) {
        unit.failure = store.map(unit.what, e);
      }
      return false;
    }
  }

  /**
   * Ends every unit of a transaction that did not commit: each fails with {@code cause} (mapped to
   * its own call), or, without one, with its own failure, or with a retryable error naming the
   * first unit's failure that took the shared transaction down.
   */
  private static void finish(List<Unit<?>> units, SqliteStore store, SQLException cause) {
    RuntimeException first = null;
    for (Unit<?> u : units) {
      if (u.failure != null) {
        first = u.failure;
        break;
      }
    }
    for (Unit<?> u : units) {
      if (cause != null) {
        u.failure = store.map(u.what, cause);
      } else if (u.failure == null) {
        u.failure =
            new EdwException(
                "SQLite "
                    + u.what
                    + " was rolled back with the transaction it shared: "
                    + (first == null ? "unknown failure" : first.getMessage()),
                // this unit did nothing wrong: its caller may simply try again
                true,
                first);
      }
      u.result = null;
      u.done = true;
    }
  }
}
