package dev.edw.sqlite;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.LeaseLostException;
import dev.edw.api.queue.MessageSize;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.QueueLimits;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A queue in the embedded store, in a table of its own. A message's id is the queue's incarnation
 * plus its sequence number, stable across redeliveries. A receive leases with a random token: fresh
 * messages (after the queue's cursor in {@code edw_cursor}) as one range in {@code edw_ranges},
 * without writing their rows, and messages that need a lease of their own (redelivered, delayed,
 * their visibility changed) by writing the token on the row. A receipt carries the sequence number
 * and the token, so a stale receipt (the message was received again since) matches neither and
 * fails with {@link LeaseLostException}. A range whose lease runs out hands its messages not yet
 * done a lease of their own (the same token), visible at once; a range with none left is dropped.
 * Messages are received in sequence order, those with a lease of their own first.
 */
final class SqliteWorkQueue extends SqliteResource implements WorkQueue {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(SqliteWorkQueue.class);

  static final QueueLimits LIMITS = new QueueLimits(1_000, 1_000, 1 << 20, Duration.ofDays(7));

  /** How often a long-polling receive looks for messages sent by other processes. */
  static final Duration ARRIVAL_SLICE = Duration.ofMillis(25);

  SqliteWorkQueue(SqliteStore store, ResourceUri uri, Clock clock, Runnable onClose) {
    super(store, ResourceKind.QUEUE, uri, clock, onClose);
  }

  @Override
  public QueueLimits limits() {
    return LIMITS;
  }

  private static String id(SqliteResources.Entry entry, long seq) {
    return entry.incarnation() + "-" + seq;
  }

  @Override
  public List<String> send(List<OutgoingMessage> messages) {
    for (OutgoingMessage m : messages) {
      MessageSize.check(name(), m.body(), LIMITS.maxMessageBytes());
    }
    SqliteResources.Entry entry = resources.require();
    List<String> sent = new ArrayList<>(messages.size());
    for (int from = 0; from < messages.size(); from += LIMITS.maxSendBatch()) {
      List<OutgoingMessage> chunk =
          messages.subList(from, Math.min(messages.size(), from + LIMITS.maxSendBatch()));
      store.inTransaction(
          "send to " + name(),
          s -> {
            long now = clock.millis();
            for (int at = 0; at < chunk.size(); at += Sql.MAX_ROWS) {
              List<OutgoingMessage> rows =
                  chunk.subList(at, Math.min(chunk.size(), at + Sql.MAX_ROWS));
              insert(s, entry, rows, now, sent);
            }
            return null;
          });
      store.signalArrival();
    }
    return sent;
  }

  private static void insert(
      SqliteStore s,
      SqliteResources.Entry entry,
      List<OutgoingMessage> rows,
      long now,
      List<String> sent)
      throws SQLException {
    PreparedStatement insert =
        s.prepare(
            "INSERT INTO "
                + entry.table()
                + "(body, group_id, enqueued_at, visible_at) VALUES "
                + Sql.valueGroups(rows.size(), 4));
    int p = 1;
    for (OutgoingMessage m : rows) {
      insert.setString(p++, m.body());
      insert.setString(p++, m.groupId());
      insert.setLong(p++, now);
      insert.setLong(p++, now + m.delay().toMillis());
    }
    insert.executeUpdate();
    // One writer holds the lock for the whole transaction and one statement inserts the rows in
    // order, so their sequence numbers are consecutive and end at the last one inserted.
    long last;
    try (ResultSet ids = s.prepare("SELECT last_insert_rowid()").executeQuery()) {
      ids.next();
      last = ids.getLong(1);
    }
    for (long seq = last - rows.size() + 1; seq <= last; seq++) {
      sent.add(id(entry, seq));
    }
  }

  @Override
  public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
    if (max < 1 || max > LIMITS.maxReceiveBatch()) {
      throw new InvalidInputException(
          "receive takes 1 to " + LIMITS.maxReceiveBatch() + " messages, not " + max);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<ReceivedMessage> received = receiveNow(max, visibility);
      long left = deadline - System.nanoTime();
      if (!received.isEmpty() || left <= 0) {
        return received;
      }
      // Long polling: a send of this process wakes us at once; other processes' sends are
      // seen at the next look, at most ARRIVAL_SLICE later.
      try {
        store.awaitArrival(Math.min(left, ARRIVAL_SLICE.toNanos()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return received;
      }
    }
  }

  private List<ReceivedMessage> receiveNow(int max, Duration visibility) {
    SqliteResources.Entry entry = resources.require();
    String table = entry.table();
    long lease = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    String prefix = entry.incarnation() + "-";
    Take taken =
        store.inDrainTransaction(
            "receive from " + name(),
            s -> {
              if (!indexed) {
                try (var ddl = s.statement()) {
                  ddl.execute(SqliteSchema.leasedIndex(table));
                }
              }
              long now = clock.millis();
              Take take = new Take(table, now, now + visibility.toMillis(), lease, prefix, max);
              expireRanges(s, table, now);
              receiveLeased(s, take);
              if (take.wanted() > 0) {
                claimRange(s, take);
              }
              return take;
            });
    indexed = true;
    return taken.messages();
  }

  /** Whether this queue's {@link SqliteSchema#leasedIndex} is known to exist. */
  private volatile boolean indexed;

  /**
   * One receive: its table, time, lease and how many messages it may still take. Inside the
   * transaction it only keeps each row's fields; the messages, their ids and receipts ({@code
   * seq:lease}) are made after the commit, off the store's lock.
   */
  private static final class Take {
    final String table;
    final long now;
    final long until;
    final long lease;
    private final String prefix;
    private final int max;
    // sized for the first rows and grown as they come: an empty look (long polling looks every
    // 25 ms) allocates little
    private long[] seqs = new long[16];
    private String[] bodies = new String[16];
    private int[] counts = new int[16];
    private long[] enqueued = new long[16];
    private String[] groups = new String[16];
    private int size;

    Take(String table, long now, long until, long lease, String prefix, int max) {
      this.table = table;
      this.now = now;
      this.until = until;
      this.lease = lease;
      this.prefix = prefix;
      this.max = max;
    }

    int wanted() {
      return max - size;
    }

    void add(long seq, String body, int dequeueCount, long enqueuedAt, String group) {
      if (size == seqs.length) {
        int grown = Math.min(max, size * 2);
        seqs = java.util.Arrays.copyOf(seqs, grown);
        bodies = java.util.Arrays.copyOf(bodies, grown);
        counts = java.util.Arrays.copyOf(counts, grown);
        enqueued = java.util.Arrays.copyOf(enqueued, grown);
        groups = java.util.Arrays.copyOf(groups, grown);
      }
      seqs[size] = seq;
      bodies[size] = body;
      counts[size] = dequeueCount;
      enqueued[size] = enqueuedAt;
      groups[size] = group;
      size++;
    }

    List<ReceivedMessage> messages() {
      String suffix = ":" + lease;
      List<ReceivedMessage> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        String id = prefix + seqs[i];
        out.add(
            new ReceivedMessage(
                id,
                bodies[i],
                counts[i],
                Instant.ofEpochMilli(enqueued[i]),
                groups[i],
                new Receipt(id, seqs[i] + suffix)));
      }
      return out;
    }
  }

  /**
   * Ranges whose lease ran out: their messages not yet done get a lease of their own, the range's
   * token (so its receipts keep working until the message is received again), visible at once.
   */
  private void expireRanges(SqliteStore s, String table, long now) throws SQLException {
    PreparedStatement expired =
        s.prepare(
            "SELECT lease, lo, hi, visible_at FROM edw_ranges"
                + " WHERE queue_table = ? AND visible_at <= ?");
    expired.setString(1, table);
    expired.setLong(2, now);
    List<long[]> ranges = new ArrayList<>();
    try (ResultSet rows = expired.executeQuery()) {
      while (rows.next()) {
        ranges.add(new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)});
      }
    }
    for (long[] range : ranges) {
      PreparedStatement own =
          s.prepare(
              "UPDATE "
                  + table
                  + " SET lease = ?, visible_at = ?, dequeue_count = dequeue_count + 1"
                  + " WHERE seq BETWEEN ? AND ? AND lease IS NULL");
      own.setLong(1, range[0]);
      own.setLong(2, range[3]);
      own.setLong(3, range[1]);
      own.setLong(4, range[2]);
      own.executeUpdate();
      dropRange(s, table, range[0]);
    }
  }

  private static void dropRange(SqliteStore s, String table, long lease) throws SQLException {
    PreparedStatement drop =
        s.prepare("DELETE FROM edw_ranges WHERE queue_table = ? AND lease = ?");
    drop.setString(1, table);
    drop.setLong(2, lease);
    drop.executeUpdate();
  }

  /** Receives visible messages that have a lease of their own, rewriting each row's lease. */
  private static void receiveLeased(SqliteStore s, Take take) throws SQLException {
    String table = take.table;
    PreparedStatement update =
        s.prepare(
            "UPDATE "
                + table
                + " SET visible_at = ?, dequeue_count = dequeue_count + 1, lease = ?"
                + " WHERE seq IN (SELECT seq FROM "
                + table
                + " INDEXED BY "
                + SqliteSchema.leasedIndexName(table)
                + " WHERE lease IS NOT NULL AND visible_at <= ? ORDER BY seq LIMIT ?)"
                + " RETURNING seq, body, dequeue_count, enqueued_at, group_id");
    update.setLong(1, take.until);
    update.setLong(2, take.lease);
    update.setLong(3, take.now);
    update.setInt(4, take.wanted());
    // read to the end and closed: the cached statement is reset for its next use
    try (ResultSet rows = update.executeQuery()) {
      while (rows.next()) {
        take.add(
            rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getLong(4), rows.getString(5));
      }
    }
  }

  /**
   * Leases the fresh messages after the queue's cursor as one range, without writing their rows:
   * the next rows without a lease of their own are read, the visible ones are received, and the
   * cursor moves past all of them (rows with a lease of their own are received one by one). A
   * delayed one passed over gets lease 0 (a lease of its own that no receipt carries), so it is
   * received one by one once it is due.
   */
  private static void claimRange(SqliteStore s, Take take) throws SQLException {
    String table = take.table;
    PreparedStatement cursor =
        s.prepare("SELECT claimed_through FROM edw_cursor WHERE queue_table = ?");
    cursor.setString(1, table);
    long from;
    try (ResultSet row = cursor.executeQuery()) {
      from = row.next() ? row.getLong(1) : 0;
    }
    PreparedStatement next =
        s.prepare(
            "SELECT seq, body, enqueued_at, group_id, visible_at FROM "
                + table
                + " WHERE seq > ? AND lease IS NULL ORDER BY seq LIMIT ?");
    next.setLong(1, from);
    next.setInt(2, take.wanted());
    long first = 0;
    long last = 0;
    long through = from;
    LongList delayed = null;
    try (ResultSet rows = next.executeQuery()) {
      while (rows.next()) {
        long seq = rows.getLong(1);
        through = seq;
        if (rows.getLong(5) > take.now) {
          if (delayed == null) {
            delayed = new LongList();
          }
          delayed.add(seq);
          continue;
        }
        if (first == 0) {
          first = seq;
        }
        last = seq;
        // a row without a lease of its own was never received: this is its first delivery
        take.add(seq, rows.getString(2), 1, rows.getLong(3), rows.getString(4));
      }
    }
    if (through == from) {
      return;
    }
    if (delayed != null) {
      PreparedStatement own = s.prepare("UPDATE " + table + " SET lease = 0 WHERE seq = ?");
      for (int i = 0; i < delayed.size; i++) {
        own.setLong(1, delayed.values[i]);
        own.executeUpdate();
      }
    }
    if (first != 0) {
      PreparedStatement range = s.prepare("INSERT INTO edw_ranges VALUES (?, ?, ?, ?, ?)");
      range.setString(1, table);
      range.setLong(2, take.lease);
      range.setLong(3, first);
      range.setLong(4, last);
      range.setLong(5, take.until);
      range.executeUpdate();
    }
    PreparedStatement move =
        s.prepare(
            "INSERT INTO edw_cursor VALUES (?, ?) ON CONFLICT(queue_table)"
                + " DO UPDATE SET claimed_through = excluded.claimed_through");
    move.setString(1, table);
    move.setLong(2, through);
    move.executeUpdate();
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    if (receipts.isEmpty()) {
      return List.of();
    }
    LeaseBatch batch = deletes(receipts);
    return batch.results(store.inDrainTransaction("delete from " + name(), batch::apply));
  }

  /**
   * The rows a receipt's lease holds: those with that lease of their own, and those without one in
   * the range leased under it, if the range is still there. Parameters: ?1 the lease, ?2 and ?3 the
   * range's ends (1 and 0 when there is none); sequence numbers follow.
   */
  private static final String HELD_BY_LEASE =
      "(lease = ?1 OR (lease IS NULL AND seq BETWEEN ?2 AND ?3)) AND seq IN (";

  /** The deletes of {@code receipts}, to apply in a transaction of this queue's store. */
  LeaseBatch deletes(List<Receipt> receipts) {
    String table = resources.require().table();
    java.util.function.IntFunction<String> delete =
        n -> "DELETE FROM " + table + " WHERE " + HELD_BY_LEASE + Sql.placeholders(n) + ")";
    return new LeaseBatch(
        receipts, table, n -> delete.apply(n) + " RETURNING seq", delete, 0, false);
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    if (receipts.isEmpty()) {
      return List.of();
    }
    String table = resources.require().table();
    long until = clock.millis() + visibility.toMillis();
    // A message of a range gets a lease of its own (the same token, so its receipt still holds)
    // and the dequeue count its receive reported.
    LeaseBatch batch =
        new LeaseBatch(
            receipts,
            table,
            n ->
                "UPDATE "
                    + table
                    + " SET visible_at = ?4, dequeue_count = dequeue_count + (lease IS NULL),"
                    + " lease = ?1 WHERE "
                    + HELD_BY_LEASE
                    + Sql.placeholders(n)
                    + ") RETURNING seq",
            null,
            until,
            true);
    return batch.results(store.inDrainTransaction("change visibility in " + name(), batch::apply));
  }

  /**
   * One statement per lease token (receipts of one receive share a token), for up to {@link
   * Sql#MAX_ROWS} sequence numbers at a time; a receipt whose row the statement did not return had
   * lost its lease. Each receipt is parsed once. Statements take a power of two of sequence numbers
   * (the last one repeated to fill them), so a handful of shapes are prepared once and reused
   * instead of one statement prepared per call. A range left with no message of its own is dropped.
   *
   * <p>A batch with a statement that returns nothing (deletes) first runs that, in a savepoint: if
   * every statement hit as many rows as it named, every receipt held and no row needs reading back.
   * Only if one fell short (a lease lost) is the savepoint rolled back and the batch run again with
   * the statement that returns the rows it hit. Reading each hit row back through RETURNING cost
   * the deletes more than the deleting.
   */
  final class LeaseBatch {
    private final List<Receipt> receipts;
    private final String table;
    private final long[] seqOf;
    private final java.util.Map<Long, LongList> byLease = new java.util.LinkedHashMap<>();
    private final java.util.function.IntFunction<String> sql;
    private final java.util.function.IntFunction<String> quietSql;
    private final long extra;
    private final boolean keepReceipt;
    // whether some sequence number comes twice (then a statement hits fewer rows than it names)
    private final boolean repeats;

    /**
     * @param sql the statement for n sequence numbers, starting with {@link #HELD_BY_LEASE}'s
     *     parameters; if {@code keepReceipt}, ?4 is {@code extra}; returns the numbers it hit
     * @param quietSql the same without returning anything, or null to always use {@code sql}
     */
    private LeaseBatch(
        List<Receipt> receipts,
        String table,
        java.util.function.IntFunction<String> sql,
        java.util.function.IntFunction<String> quietSql,
        long extra,
        boolean keepReceipt) {
      this.receipts = receipts;
      this.table = table;
      this.sql = sql;
      this.quietSql = quietSql;
      this.extra = extra;
      this.keepReceipt = keepReceipt;
      this.seqOf = new long[receipts.size()];
      LongList last = null;
      long lastLease = 0;
      for (int i = 0; i < seqOf.length; i++) {
        Receipt receipt = receipts.get(i);
        String handle = receipt.handle();
        int colon = handle.indexOf(':');
        long seq;
        long lease;
        try {
          seq = Long.parseLong(handle, 0, colon, 10);
          lease = Long.parseLong(handle, colon + 1, handle.length(), 10);
        } catch (RuntimeException e) {
          throw new InvalidInputException("not a receipt of the embedded store: " + receipt);
        }
        if (lease == 0) {
          // lease 0 marks delayed messages passed by the cursor; no receipt carries it
          throw new InvalidInputException("not a receipt of the embedded store: " + receipt);
        }
        seqOf[i] = seq;
        if (last == null || lease != lastLease) {
          last = byLease.computeIfAbsent(lease, k -> new LongList());
          lastLease = lease;
        }
        last.add(seq);
      }
      this.repeats =
          quietSql != null && java.util.Arrays.stream(seqOf).distinct().count() < seqOf.length;
    }

    /**
     * Runs the statements inside the caller's transaction; returns which sequence numbers they hit
     * (for {@link #results}).
     */
    java.util.function.LongPredicate apply(SqliteStore s) throws SQLException {
      if (quietSql != null && !repeats) {
        s.control("SAVEPOINT edw_lease_batch");
        if (run(s, false, null)) {
          s.control("RELEASE edw_lease_batch");
          return seq -> true;
        }
        s.control("ROLLBACK TO edw_lease_batch");
        s.control("RELEASE edw_lease_batch");
      }
      java.util.Set<Long> changed = new java.util.HashSet<>(receipts.size() * 2);
      run(s, true, changed);
      return changed::contains;
    }

    /**
     * Runs the statements, with {@code sql} into {@code changed} if {@code returning}, else with
     * {@code quietSql}; the latter stops and returns false at the first statement that hit fewer
     * rows than it named.
     */
    private boolean run(SqliteStore s, boolean returning, java.util.Set<Long> changed)
        throws SQLException {
      int first = keepReceipt ? 5 : 4;
      for (var group : byLease.entrySet()) {
        long lease = group.getKey();
        long[] range = range(s, lease);
        LongList seqs = group.getValue();
        for (int at = 0; at < seqs.size; at += Sql.MAX_ROWS) {
          int n = Math.min(seqs.size - at, Sql.MAX_ROWS);
          int shape = Sql.shape(n);
          PreparedStatement statement = s.prepare((returning ? sql : quietSql).apply(shape));
          statement.setLong(1, lease);
          statement.setLong(2, range == null ? 1 : range[0]);
          statement.setLong(3, range == null ? 0 : range[1]);
          if (keepReceipt) {
            statement.setLong(4, extra);
          }
          int p = first;
          for (int i = 0; i < shape; i++) {
            statement.setLong(p++, seqs.values[at + Math.min(i, n - 1)]);
          }
          if (!returning) {
            if (statement.executeUpdate() < n) {
              return false;
            }
            continue;
          }
          // read to the end and closed: the cached statement is reset for its next use
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              changed.add(rows.getLong(1));
            }
          }
        }
        if (range != null) {
          dropIfDone(s, lease, range);
        }
      }
      return true;
    }

    /** The ends of the range leased under {@code lease}, or null if there is none. */
    private long[] range(SqliteStore s, long lease) throws SQLException {
      PreparedStatement find =
          s.prepare("SELECT lo, hi FROM edw_ranges WHERE queue_table = ? AND lease = ?");
      find.setString(1, table);
      find.setLong(2, lease);
      try (ResultSet row = find.executeQuery()) {
        return row.next() ? new long[] {row.getLong(1), row.getLong(2)} : null;
      }
    }

    private void dropIfDone(SqliteStore s, long lease, long[] range) throws SQLException {
      PreparedStatement drop =
          s.prepare(
              "DELETE FROM edw_ranges WHERE queue_table = ?1 AND lease = ?2 AND NOT EXISTS"
                  + " (SELECT 1 FROM "
                  + table
                  + " WHERE seq BETWEEN ?3 AND ?4 AND lease IS NULL)");
      drop.setString(1, table);
      drop.setLong(2, lease);
      drop.setLong(3, range[0]);
      drop.setLong(4, range[1]);
      drop.executeUpdate();
    }

    /** One result per receipt, given the sequence numbers {@link #apply} hit. */
    List<ReceiptResult> results(java.util.function.LongPredicate done) {
      List<ReceiptResult> results = new ArrayList<>(receipts.size());
      for (int i = 0; i < seqOf.length; i++) {
        Receipt receipt = receipts.get(i);
        results.add(
            done.test(seqOf[i])
                ? ReceiptResult.ok(receipt, keepReceipt ? receipt : null)
                : ReceiptResult.failed(receipt, LeaseLostException.notLeasedBy(receipt, name())));
      }
      return results;
    }
  }

  /** A growable array of longs, for the sequence numbers of one lease. */
  private static final class LongList {
    long[] values = new long[16];
    int size;

    void add(long value) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
  }

  @Override
  public QueueDepth depth() {
    String table = resources.require().table();
    return store.inReadTransaction("count " + name(), s -> count(s, table));
  }

  /**
   * A count shared by every process of the file through table {@code edw_depth}: counting scans the
   * whole queue table (about 18 ms of CPU for 100,000 messages when another process's commit has
   * emptied the page cache), and each replica's gauge counted every 5 s. A shared count younger
   * than {@code maxAge} is read without any lock. A stale one is counted again by one process at a
   * time, the one that gets the file's count lock (never waited for, see {@link
   * SqliteStore#ifNoOneCounts}); it looks once more, then counts in a read transaction (so writers
   * are not held up) and keeps the count in a short write. A process that finds the count lock
   * taken answers with the stale shared count (another process is counting it afresh), or, if there
   * is none yet, counts alone.
   */
  @Override
  public QueueDepth depth(Duration maxAge) {
    String table = resources.require().table();
    Shared shared =
        store.inReadTransaction("look up the count of " + name(), s -> shared(s, table));
    if (shared != null && shared.younger(maxAge)) {
      return shared.depth();
    }
    return store
        .ifNoOneCounts(() -> countAndShare(table, maxAge))
        .orElseGet(() -> shared != null ? shared.depth() : countAlone(table));
  }

  /** The first count of a file that another process is counting too: kept by that one. */
  private QueueDepth countAlone(String table) {
    long started = System.nanoTime();
    QueueDepth counted = store.inReadTransaction("count " + name(), s -> count(s, table));
    log.debug(
        "counted {} alone in {} ms (another process holds the count lock): {}",
        name(),
        (System.nanoTime() - started) / 1_000_000,
        counted);
    return counted;
  }

  private QueueDepth countAndShare(String table, Duration maxAge) {
    record Look(QueueDepth depth, long countedAt, boolean counted) {}
    Look look =
        store.inReadTransaction(
            "count " + name(),
            s -> {
              Shared meanwhile = shared(s, table);
              if (meanwhile != null && meanwhile.younger(maxAge)) {
                return new Look(meanwhile.depth(), 0, false);
              }
              long now = clock.millis();
              long started = System.nanoTime();
              QueueDepth counted = count(s, table);
              log.debug(
                  "counted {} for the shared depth in {} ms: {}",
                  name(),
                  (System.nanoTime() - started) / 1_000_000,
                  counted);
              return new Look(counted, now, true);
            });
    if (look.counted()) {
      QueueDepth d = look.depth();
      store.inTransaction(
          "keep the count of " + name(),
          s -> {
            PreparedStatement keep =
                s.prepare(
                    "INSERT INTO edw_depth VALUES (?, ?, ?, ?, ?) ON CONFLICT(queue_table) DO"
                        + " UPDATE SET counted_at = excluded.counted_at, visible = excluded.visible,"
                        + " in_flight = excluded.in_flight, delayed = excluded.delayed"
                        + " WHERE excluded.counted_at > edw_depth.counted_at");
            keep.setString(1, table);
            keep.setLong(2, look.countedAt());
            keep.setLong(3, d.visible());
            keep.setLong(4, d.inFlight());
            keep.setLong(5, d.delayed());
            return keep.executeUpdate();
          });
    }
    return look.depth();
  }

  /** The shared count of a queue and its age by this queue's clock (negative: from the future). */
  private record Shared(QueueDepth depth, long ageMillis) {
    boolean younger(Duration maxAge) {
      return ageMillis >= 0 && ageMillis < maxAge.toMillis();
    }
  }

  /** The shared count, or null if no process has kept one. */
  private Shared shared(SqliteStore s, String table) throws SQLException {
    PreparedStatement look =
        s.prepare(
            "SELECT counted_at, visible, in_flight, delayed FROM edw_depth WHERE queue_table = ?");
    look.setString(1, table);
    try (ResultSet row = look.executeQuery()) {
      if (!row.next()) {
        return null;
      }
      return new Shared(
          new QueueDepth(row.getLong(2), row.getLong(3), row.getLong(4), true),
          clock.millis() - row.getLong(1));
    }
  }

  /**
   * Counts by each row's own visibility, then moves the messages of live ranges (their rows look
   * visible: a range lease does not write them) from visible to in flight.
   */
  private QueueDepth count(SqliteStore s, String table) throws SQLException {
    long now = clock.millis();
    PreparedStatement count =
        s.prepare(
            "SELECT coalesce(sum(visible_at <= ?1), 0),"
                + " coalesce(sum(visible_at > ?1 AND dequeue_count > 0), 0),"
                + " coalesce(sum(visible_at > ?1 AND dequeue_count = 0), 0) FROM "
                + table);
    count.setLong(1, now);
    long visible;
    long inFlight;
    long delayed;
    try (ResultSet rows = count.executeQuery()) {
      rows.next();
      visible = rows.getLong(1);
      inFlight = rows.getLong(2);
      delayed = rows.getLong(3);
    }
    PreparedStatement ranged =
        s.prepare(
            "SELECT count(*) FROM edw_ranges r JOIN "
                + table
                + " q ON q.seq BETWEEN r.lo AND r.hi"
                + " WHERE r.queue_table = ? AND r.visible_at > ? AND q.lease IS NULL");
    ranged.setString(1, table);
    ranged.setLong(2, now);
    long leasedInRanges;
    try (ResultSet rows = ranged.executeQuery()) {
      rows.next();
      leasedInRanges = rows.getLong(1);
    }
    return new QueueDepth(visible - leasedInRanges, inFlight + leasedInRanges, delayed, true);
  }

  @Override
  public List<ReceivedMessage> peek(int max) {
    SqliteResources.Entry entry = resources.require();
    return store.inReadTransaction(
        "peek " + name(),
        s -> {
          PreparedStatement select =
              s.prepare(
                  "SELECT seq, body, dequeue_count, enqueued_at, group_id FROM "
                      + entry.table()
                      + " q WHERE visible_at <= ?1 AND NOT (lease IS NULL AND EXISTS (SELECT 1"
                      + " FROM edw_ranges r WHERE r.queue_table = ?2 AND r.visible_at > ?1"
                      + " AND q.seq BETWEEN r.lo AND r.hi)) ORDER BY seq LIMIT ?3");
          select.setLong(1, clock.millis());
          select.setString(2, entry.table());
          select.setInt(3, max);
          List<ReceivedMessage> peeked = new ArrayList<>();
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              peeked.add(
                  new ReceivedMessage(
                      id(entry, rows.getLong(1)),
                      rows.getString(2),
                      rows.getInt(3),
                      Instant.ofEpochMilli(rows.getLong(4)),
                      rows.getString(5),
                      null));
            }
          }
          return peeked;
        });
  }

  @Override
  public long purge() {
    String table = resources.require().table();
    return store.inTransaction(
        "purge " + name(),
        s -> {
          PreparedStatement ranges = s.prepare("DELETE FROM edw_ranges WHERE queue_table = ?");
          ranges.setString(1, table);
          ranges.executeUpdate();
          return (long) s.prepare("DELETE FROM " + table).executeUpdate();
        });
  }
}
