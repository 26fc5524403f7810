package dev.edw.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The writers' turn on one database file, shared by every process of edw that writes it: an
 * exclusive OS file lock ({@code fcntl}) on {@code <file>-writer.lock}, taken before {@code BEGIN
 * IMMEDIATE} and let go right after the commit or rollback. SQLite's own write lock can only be
 * polled (its busy handler wakes, looks, and sleeps again: thousands of wake-ups per replica with
 * eight processes on one file); a process waiting here sleeps in the kernel until the holder lets
 * go. SQLite's lock still guards the file: a program that does not know this lock (the sqlite3
 * shell, an older edw) is waited for by {@link BusyWait} as before.
 *
 * <p>Why a side file: SQLite's own {@code fcntl} locks on the database are released whenever any
 * descriptor of the file in the process is closed, so a lock of ours on the database could drop
 * theirs (and theirs ours).
 *
 * <p>Why one per file per JVM: the OS lock belongs to the process, and Java refuses a second lock
 * of the same region in one JVM ({@code OverlappingFileLockException}), so every store of a file in
 * this JVM shares one instance (by canonical path), and a {@link ReentrantLock} in front of the
 * file lock gives threads and stores of this JVM their turns.
 *
 * <p>How the busy timeout is kept: {@code FileChannel.lock()} blocks with no time limit, but a
 * writer must fail (retryably, as {@code SQLITE_BUSY}) once it has waited the busy timeout. The
 * writer first tries the lock without waiting (no contention: one system call). If another process
 * holds it, the writer's own thread blocks in the kernel for it, and an alarm on a shared watchdog
 * thread closes the side file's channel at the deadline, which ends the wait (the channel is opened
 * again for the next writer). Two alternatives were tried or weighed: a helper thread that waits in
 * the kernel while the writer waits for the helper with a timeout costs a second wake-up on every
 * hand-off, and on a loaded machine the lock then sat taken but unused until the writer's thread
 * ran; {@code tryLock} in a loop would bring back the polling this lock removes.
 *
 * <p>Fairness: the kernel wakes every waiter when the lock is let go, and the first to run gets it;
 * a process that lets go and asks again at once may get it back first. Each process holds the lock
 * for one transaction and then works on what it read, so turns alternate in practice; {@link
 * #stats} counts waits so that a benchmark can see it.
 *
 * <p>If the side file cannot be opened (a read-only directory), writers go without it and SQLite's
 * lock alone serialises them, as before; this is logged once.
 *
 * <p>Thread-safety: all methods from any thread; {@link #release} only by the thread that acquired.
 */
final class WriterLock {
  /** The side file's name: the database's name plus this. */
  static final String SUFFIX = "-writer.lock";

  /**
   * The side file of a second lock of the same kind, taken (only ever with {@link #tryAcquire}) by
   * a process that counts a queue for the shared depth ({@code SqliteWorkQueue.depth(Duration)}),
   * so that one process counts at a time and the writers are not held up meanwhile.
   */
  static final String COUNT_SUFFIX = "-count.lock";

  private static final Logger log = LoggerFactory.getLogger(WriterLock.class);
  private static final Map<Path, WriterLock> OPEN = new HashMap<>();

  /** Turns and time held by every writer lock of this process, for {@link WriterLockUse}. */
  private static final LongAdder TOTAL_TURNS = new LongAdder();

  private static final LongAdder TOTAL_HELD_NANOS = new LongAdder();

  static long totalTurns() {
    return TOTAL_TURNS.sum();
  }

  static long totalHeldNanos() {
    return TOTAL_HELD_NANOS.sum();
  }

  private final Path sidecar;
  private final ReentrantLock turn = new ReentrantLock();
  private final LongAdder immediate = new LongAdder();
  private final LongAdder waited = new LongAdder();
  private final LongAdder waitedNanos = new LongAdder();
  private final LongAdder timedOut = new LongAdder();
  private final LongAdder heldNanos = new LongAdder();
  // with debug logging: how the holders' threads were scheduled while they held the lock
  private final boolean measureSchedule = log.isDebugEnabled();
  private final LongAdder scheduledTurns = new LongAdder();
  private final LongAdder heldOnCpuNanos = new LongAdder();
  private final LongAdder heldWaitingNanos = new LongAdder();
  private int users;
  private FileChannel channel;
  private boolean unusable;

  // only touched by the thread holding turn
  private FileLock held;
  private long heldSince;
  private ThreadSchedule scheduleSince;

  private WriterLock(Path sidecar) {
    this.sidecar = sidecar;
  }

  /** The lock of {@code database} in this JVM; {@link #close} it once per call. */
  static WriterLock of(Path database) {
    return of(database, SUFFIX);
  }

  /**
   * The lock of side file {@code database + suffix} in this JVM; {@link #close} it once per call.
   */
  static WriterLock of(Path database, String suffix) {
    Path sidecar = canonical(database.resolveSibling(database.getFileName() + suffix));
    synchronized (OPEN) {
      WriterLock lock = OPEN.computeIfAbsent(sidecar, WriterLock::new);
      lock.users++;
      return lock;
    }
  }

  /** The absolute path with its directory's links resolved, so one file has one key. */
  private static Path canonical(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    } catch (IOException | RuntimeException e) {
      // the directory does not exist yet: the store creates it before it first writes
      return absolute;
    }
  }

  Path sidecar() {
    return sidecar;
  }

  /**
   * Takes the writers' turn, waiting at most {@code timeout}; throws {@code SQLITE_BUSY}
   * (retryable, like SQLite's own busy timeout) if another writer keeps it longer. Not
   * interruptible, like SQLite's own wait: an interrupt is kept for the caller, and the side file's
   * channel (which an interrupt would close) is only used with the thread's interrupt cleared.
   */
  void acquire(Duration timeout) throws SQLiteException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          if (turn.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            break;
          }
          timedOut.increment();
          throw busy(timeout, "another thread of this process");
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      try {
        Taken taken = take(deadline, timeout);
        interrupted |= taken.interrupted();
        held = taken.lock();
        startHolding();
      } catch (SQLiteException | RuntimeException e) {
        turn.unlock();
        throw e;
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Takes the turn only if it is free in this process and in every other, without waiting; true if
   * taken (then {@link #release} it). A side file that cannot be used counts as free.
   */
  boolean tryAcquire() {
    boolean interrupted = Thread.interrupted();
    try {
      if (!turn.tryLock()) {
        return false;
      }
      FileChannel open = channel();
      FileLock lock = null;
      if (open != null) {
        try {
          lock = open.tryLock();
          if (lock == null) {
            turn.unlock();
            return false;
          }
        } catch (IOException e) {
          lock = failed(open, e);
        } catch (java.nio.channels.OverlappingFileLockException e) {
          lock = failed(open, new IOException(e));
        }
      }
      immediate.increment();
      held = lock;
      startHolding();
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void startHolding() {
    heldSince = System.nanoTime();
    scheduleSince = measureSchedule ? ThreadSchedule.now() : null;
  }

  /** Lets go of the turn taken by {@link #acquire} or {@link #tryAcquire}. */
  void release() {
    FileLock lock = held;
    held = null;
    long heldFor = System.nanoTime() - heldSince;
    if (scheduleSince != null) {
      ThreadSchedule now = ThreadSchedule.now();
      if (scheduleSince.sameThread(now)) {
        scheduledTurns.increment();
        heldOnCpuNanos.add(now.onCpuNanos() - scheduleSince.onCpuNanos());
        heldWaitingNanos.add(now.waitingNanos() - scheduleSince.waitingNanos());
      }
      scheduleSince = null;
    }
    heldNanos.add(heldFor);
    TOTAL_HELD_NANOS.add(heldFor);
    TOTAL_TURNS.increment();
    boolean interrupted = Thread.interrupted();
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // the channel was closed, which let the lock go with it
      log.debug("letting go of {}: {}", sidecar, e.toString());
    } finally {
      turn.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The OS lock (null: go without it) and whether the wait was interrupted. */
  private record Taken(FileLock lock, boolean interrupted) {}

  /** Ends a wait in {@link #take} at its deadline by closing the channel it waits on. */
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor watchdog =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("edw-writer-lock-watchdog").factory());
    watchdog.setRemoveOnCancelPolicy(true);
    return watchdog;
  }

  /**
   * One wait in the kernel: it ends with the lock ({@link #arrive}) or with the alarm ({@link
   * #expire}), whichever comes first. The alarm closes the channel under this object's monitor, so
   * a waiter never keeps a lock whose channel is being closed (closing it lets the lock go).
   */
  private static final class Wait {
    private boolean got;
    private boolean expired;

    synchronized void expire(FileChannel open) {
      if (got) {
        return;
      }
      expired = true;
      try {
        open.close();
      } catch (IOException e) {
        log.debug("closing a timed-out wait's channel: {}", e.toString());
      }
    }

    synchronized boolean arrive() {
      got = !expired;
      return got;
    }

    synchronized boolean expired() {
      return expired;
    }
  }

  /** Gets the OS lock; called holding {@link #turn}, with the thread's interrupt cleared. */
  private Taken take(long deadline, Duration timeout) throws SQLiteException {
    FileChannel open = channel();
    if (open == null) {
      return new Taken(null, false);
    }
    try {
      FileLock now = open.tryLock();
      if (now != null) {
        immediate.increment();
        return new Taken(now, false);
      }
    } catch (IOException e) {
      return new Taken(failed(open, e), false);
    } catch (java.nio.channels.OverlappingFileLockException e) {
      // something else in this JVM locked the side file: it is not ours to use
      return new Taken(failed(open, new IOException(e)), false);
    }
    long start = System.nanoTime();
    Wait wait = new Wait();
    ScheduledFuture<?> alarm =
        WATCHDOG.schedule(() -> wait.expire(open), deadline - start, TimeUnit.NANOSECONDS);
    FileLock lock;
    try {
      lock = open.lock();
    } catch (IOException e) {
      alarm.cancel(false);
      if (wait.expired()) {
        forget(open);
        timedOut.increment();
        throw busy(timeout, "another process");
      }
      if (e instanceof java.nio.channels.ClosedChannelException) {
        // an interrupt during the wait closed the channel: this one goes without the lock
        return new Taken(failed(open, e), Thread.interrupted());
      }
      // e.g. EDEADLK, which the kernel may report for locks of two processes that wait on each
      // other's side files: this transaction goes without the lock, the next one tries again
      log.debug(
          "waiting for {} failed ({}); this write waits on SQLite's lock", sidecar, e.toString());
      return new Taken(null, Thread.interrupted());
    }
    alarm.cancel(false);
    if (!wait.arrive()) {
      // the alarm rang as the lock came, and closed the channel (which let the lock go)
      forget(open);
      timedOut.increment();
      throw busy(timeout, "another process");
    }
    waited.increment();
    waitedNanos.add(System.nanoTime() - start);
    return new Taken(lock, false);
  }

  /** The channel was closed: the next writer opens it again. */
  private void forget(FileChannel open) {
    synchronized (OPEN) {
      if (channel == open) {
        channel = null;
      }
    }
  }

  /**
   * This transaction goes without the OS lock (SQLite's lock still guards it). A channel that was
   * closed (an interrupt that came during a lock call closes it) is opened again next time; a side
   * file that cannot be used at all is given up on, and logged once.
   */
  private FileLock failed(FileChannel open, IOException e) {
    synchronized (OPEN) {
      if (e instanceof java.nio.channels.ClosedChannelException) {
        if (channel == open) {
          channel = null;
        }
        log.debug("the channel of {} was closed ({}); opening it again", sidecar, e.toString());
        return null;
      }
      if (!unusable) {
        log.warn(
            "cannot use the writer lock {} ({}); writers of this process wait on SQLite's lock"
                + " alone",
            sidecar,
            e.toString());
      }
      unusable = true;
      return null;
    }
  }

  private FileChannel channel() {
    synchronized (OPEN) {
      if (channel == null && !unusable) {
        try {
          Files.createDirectories(sidecar.getParent());
          channel = FileChannel.open(sidecar, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
          failed(null, e);
        } catch (RuntimeException e) {
          failed(null, new IOException(e));
        }
      }
      return channel;
    }
  }

  private SQLiteException busy(Duration timeout, String holder) {
    return new SQLiteException(
        "[SQLITE_BUSY] the writer lock "
            + sidecar
            + " was held by "
            + holder
            + " for over "
            + timeout.toMillis()
            + " ms",
        SQLiteErrorCode.SQLITE_BUSY);
  }

  /**
   * Counts since this lock was opened, for logs and benchmarks. With debug logging on Linux, also
   * how the holders' threads were scheduled in the {@code scheduledTurns} turns measured: on a CPU,
   * or runnable and waiting for one (the rest of a turn the holder was asleep, e.g. in fsync).
   */
  record Stats(
      long immediate,
      long waited,
      Duration waitedFor,
      long timedOut,
      Duration heldFor,
      long scheduledTurns,
      Duration heldOnCpu,
      Duration heldWaitingForCpu) {
    @Override
    public String toString() {
      return immediate
          + " turns at once, "
          + waited
          + " after waiting ("
          + waitedFor.toMillis()
          + " ms in all), "
          + timedOut
          + " timed out; held "
          + heldFor.toMillis()
          + " ms in all"
          + (scheduledTurns == 0
              ? ""
              : "; in "
                  + scheduledTurns
                  + " turns measured the holder was on a CPU "
                  + heldOnCpu.toMillis()
                  + " ms and waiting for one "
                  + heldWaitingForCpu.toMillis()
                  + " ms");
    }
  }

  Stats stats() {
    return new Stats(
        immediate.sum(),
        waited.sum(),
        Duration.ofNanos(waitedNanos.sum()),
        timedOut.sum(),
        Duration.ofNanos(heldNanos.sum()),
        scheduledTurns.sum(),
        Duration.ofNanos(heldOnCpuNanos.sum()),
        Duration.ofNanos(heldWaitingNanos.sum()));
  }

  /** One user fewer; the last closes the side file's channel. */
  void close() {
    synchronized (OPEN) {
      if (--users > 0) {
        return;
      }
      OPEN.remove(sidecar);
      log.debug("writer lock {}: {}", sidecar, stats());
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          log.debug("closing {}: {}", sidecar, e.toString());
        }
      }
    }
  }
}
