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
 * plus its sequence number, stable across redeliveries. A lease is a random token written on the
 * row when it is received; a receipt carries the sequence number and that token, so a stale receipt
 * (the message was received again since) matches no row and fails with {@link LeaseLostException}.
 * Messages are received in sequence order, skipping those not visible.
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
    String sql =
        "UPDATE "
            + entry.table()
            + " SET visible_at = ?, dequeue_count = dequeue_count + 1, lease = ?"
            + " WHERE seq IN (SELECT seq FROM "
            + entry.table()
            + " WHERE visible_at <= ? ORDER BY seq LIMIT ?)"
            + " RETURNING seq, body, dequeue_count, enqueued_at, group_id";
    long lease = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    String prefix = entry.incarnation() + "-";
    String suffix = ":" + lease;
    return store.inDrainTransaction(
        "receive from " + name(),
        s -> {
          long now = clock.millis();
          List<ReceivedMessage> received = new ArrayList<>(Math.min(max, 256));
          PreparedStatement update = s.prepare(sql);
          update.setLong(1, now + visibility.toMillis());
          update.setLong(2, lease);
          update.setLong(3, now);
          update.setInt(4, max);
          // read to the end and closed: the cached statement is reset for its next use
          try (ResultSet rows = update.executeQuery()) {
            while (rows.next()) {
              long seq = rows.getLong(1);
              String id = prefix + seq;
              received.add(
                  new ReceivedMessage(
                      id,
                      rows.getString(2),
                      rows.getInt(3),
                      Instant.ofEpochMilli(rows.getLong(4)),
                      rows.getString(5),
                      new Receipt(id, seq + suffix)));
            }
          }
          return received;
        });
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    if (receipts.isEmpty()) {
      return List.of();
    }
    LeaseBatch batch = deletes(receipts);
    return batch.results(store.inDrainTransaction("delete from " + name(), batch::apply));
  }

  /** The deletes of {@code receipts}, to apply in a transaction of this queue's store. */
  LeaseBatch deletes(List<Receipt> receipts) {
    String table = resources.require().table();
    return new LeaseBatch(
        receipts,
        n ->
            "DELETE FROM "
                + table
                + " WHERE lease = ? AND seq IN ("
                + Sql.placeholders(n)
                + ") RETURNING seq",
        statement -> {},
        false);
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    if (receipts.isEmpty()) {
      return List.of();
    }
    String table = resources.require().table();
    long until = clock.millis() + visibility.toMillis();
    LeaseBatch batch =
        new LeaseBatch(
            receipts,
            n ->
                "UPDATE "
                    + table
                    + " SET visible_at = ? WHERE lease = ? AND seq IN ("
                    + Sql.placeholders(n)
                    + ") RETURNING seq",
            statement -> statement.setLong(1, until),
            true);
    return batch.results(store.inDrainTransaction("change visibility in " + name(), batch::apply));
  }

  /** Sets the parameters that come before a batch's lease and sequence numbers. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /**
   * One statement per lease token (receipts of one receive share a token), for up to {@link
   * Sql#MAX_ROWS} sequence numbers at a time; a receipt whose row the statement did not return had
   * lost its lease. Each receipt is parsed once. Statements take a power of two of sequence numbers
   * (the last one repeated to fill them), so a handful of shapes are prepared once and reused
   * instead of one statement prepared per call.
   */
  final class LeaseBatch {
    private final List<Receipt> receipts;
    private final long[] seqOf;
    private final java.util.Map<Long, LongList> byLease = new java.util.LinkedHashMap<>();
    private final java.util.function.IntFunction<String> sql;
    private final Binder extra;
    private final boolean keepReceipt;

    private LeaseBatch(
        List<Receipt> receipts,
        java.util.function.IntFunction<String> sql,
        Binder extra,
        boolean keepReceipt) {
      this.receipts = receipts;
      this.sql = sql;
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
        seqOf[i] = seq;
        if (last == null || lease != lastLease) {
          last = byLease.computeIfAbsent(lease, k -> new LongList());
          lastLease = lease;
        }
        last.add(seq);
      }
    }

    /** Runs the statements inside the caller's transaction; returns the sequence numbers hit. */
    java.util.Set<Long> apply(SqliteStore s) throws SQLException {
      int offset = keepReceipt ? 1 : 0;
      java.util.Set<Long> changed = new java.util.HashSet<>(receipts.size() * 2);
      for (var group : byLease.entrySet()) {
        LongList seqs = group.getValue();
        for (int at = 0; at < seqs.size; at += Sql.MAX_ROWS) {
          int n = Math.min(seqs.size - at, Sql.MAX_ROWS);
          int shape = Sql.shape(n);
          PreparedStatement statement = s.prepare(sql.apply(shape));
          extra.bind(statement);
          statement.setLong(1 + offset, group.getKey());
          int p = 2 + offset;
          for (int i = 0; i < shape; i++) {
            statement.setLong(p++, seqs.values[at + Math.min(i, n - 1)]);
          }
          // read to the end and closed: the cached statement is reset for its next use
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              changed.add(rows.getLong(1));
            }
          }
        }
      }
      return changed;
    }

    /** One result per receipt, given the sequence numbers {@link #apply} hit. */
    List<ReceiptResult> results(java.util.Set<Long> done) {
      List<ReceiptResult> results = new ArrayList<>(receipts.size());
      for (int i = 0; i < seqOf.length; i++) {
        Receipt receipt = receipts.get(i);
        results.add(
            done.contains(seqOf[i])
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

  private QueueDepth count(SqliteStore s, String table) throws SQLException {
    PreparedStatement count =
        s.prepare(
            "SELECT coalesce(sum(visible_at <= ?1), 0),"
                + " coalesce(sum(visible_at > ?1 AND dequeue_count > 0), 0),"
                + " coalesce(sum(visible_at > ?1 AND dequeue_count = 0), 0) FROM "
                + table);
    count.setLong(1, clock.millis());
    try (ResultSet rows = count.executeQuery()) {
      rows.next();
      return new QueueDepth(rows.getLong(1), rows.getLong(2), rows.getLong(3), true);
    }
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
                      + " WHERE visible_at <= ? ORDER BY seq LIMIT ?");
          select.setLong(1, clock.millis());
          select.setInt(2, max);
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
        "purge " + name(), s -> (long) s.prepare("DELETE FROM " + table).executeUpdate());
  }
}
