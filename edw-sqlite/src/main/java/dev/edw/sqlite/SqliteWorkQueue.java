package dev.edw.sqlite;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
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
 * A queue in the embedded store. A lease is a random token written on the message row when it is
 * received; a receipt carries the row's sequence number and that token, so a stale receipt (the
 * message was received again since) matches no row and fails with {@link LeaseLostException}.
 * Messages are received oldest-visible first.
 */
final class SqliteWorkQueue implements WorkQueue {
  static final QueueLimits LIMITS = new QueueLimits(1_000, 1_000, 1 << 20, Duration.ofDays(7));

  private static final String RECEIVE =
      """
      UPDATE edw_messages
         SET visible_at = ?, dequeue_count = dequeue_count + 1, lease = ?
       WHERE seq IN (SELECT seq FROM edw_messages
                      WHERE queue = ? AND visible_at <= ?
                      ORDER BY visible_at, seq LIMIT ?)
      RETURNING seq, id, body, dequeue_count, enqueued_at, group_id""";

  private final SqliteStore store;
  private final ResourceUri uri;
  private final Clock clock;
  private final SqliteResources resources;
  private final Runnable onClose;
  private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

  SqliteWorkQueue(SqliteStore store, ResourceUri uri, Clock clock, Runnable onClose) {
    this.store = store;
    this.uri = uri;
    this.clock = clock;
    this.resources = new SqliteResources(store, ResourceKind.QUEUE, uri, clock);
    this.onClose = onClose;
  }

  @Override
  public ResourceUri uri() {
    return uri;
  }

  @Override
  public QueueLimits limits() {
    return LIMITS;
  }

  @Override
  public boolean createIfMissing() {
    return resources.createIfMissing();
  }

  @Override
  public boolean exists() {
    return resources.exists();
  }

  @Override
  public List<String> send(List<OutgoingMessage> messages) {
    for (OutgoingMessage m : messages) {
      MessageSize.check(name(), m.body(), LIMITS.maxMessageBytes());
    }
    resources.requireExists();
    List<String> sent = new ArrayList<>(messages.size());
    for (int from = 0; from < messages.size(); from += LIMITS.maxSendBatch()) {
      List<OutgoingMessage> chunk =
          messages.subList(from, Math.min(messages.size(), from + LIMITS.maxSendBatch()));
      sent.addAll(store.inTransaction("send to " + name(), s -> insert(s, chunk)));
    }
    return sent;
  }

  private List<String> insert(SqliteStore s, List<OutgoingMessage> chunk) throws SQLException {
    PreparedStatement insert =
        s.prepare(
            "INSERT INTO edw_messages(queue, id, body, group_id, enqueued_at, visible_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
    long now = clock.millis();
    List<String> sentIds = new ArrayList<>(chunk.size());
    for (OutgoingMessage m : chunk) {
      String id = ids.generate().toString();
      insert.setString(1, name());
      insert.setString(2, id);
      insert.setString(3, m.body());
      insert.setString(4, m.groupId());
      insert.setLong(5, now);
      insert.setLong(6, now + m.delay().toMillis());
      insert.addBatch();
      sentIds.add(id);
    }
    insert.executeBatch();
    return sentIds;
  }

  @Override
  public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
    if (max < 1 || max > LIMITS.maxReceiveBatch()) {
      throw new InvalidInputException(
          "receive takes 1 to " + LIMITS.maxReceiveBatch() + " messages, not " + max);
    }
    // The embedded store has no push notification; the consumer's poller backs off instead of
    // long polling, so 'wait' is not used here.
    long lease = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    return store.inTransaction(
        "receive from " + name(),
        s -> {
          long now = clock.millis();
          List<ReceivedMessage> received = new ArrayList<>(Math.min(max, 256));
          try (PreparedStatement update = s.prepareFresh(RECEIVE)) {
            update.setLong(1, now + visibility.toMillis());
            update.setLong(2, lease);
            update.setString(3, name());
            update.setLong(4, now);
            update.setInt(5, max);
            try (ResultSet rows = update.executeQuery()) {
              while (rows.next()) {
                String id = rows.getString(2);
                received.add(
                    new ReceivedMessage(
                        id,
                        rows.getString(3),
                        rows.getInt(4),
                        Instant.ofEpochMilli(rows.getLong(5)),
                        rows.getString(6),
                        new Receipt(id, rows.getLong(1) + ":" + lease)));
              }
            }
          }
          return received;
        });
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    return perReceipt(
        "delete from " + name(),
        receipts,
        "DELETE FROM edw_messages WHERE seq = ? AND lease = ?",
        statement -> {},
        false);
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    long until = clock.millis() + visibility.toMillis();
    return perReceipt(
        "change visibility in " + name(),
        receipts,
        "UPDATE edw_messages SET visible_at = ? WHERE seq = ? AND lease = ?",
        statement -> statement.setLong(1, until),
        true);
  }

  private List<ReceiptResult> perReceipt(
      String what, List<Receipt> receipts, String sql, Binder extra, boolean keepReceipt) {
    if (receipts.isEmpty()) {
      return List.of();
    }
    int offset = keepReceipt ? 1 : 0;
    return store.inTransaction(
        what,
        s -> {
          PreparedStatement statement = s.prepare(sql);
          List<ReceiptResult> results = new ArrayList<>(receipts.size());
          for (Receipt receipt : receipts) {
            long[] parsed = parse(receipt);
            extra.bind(statement);
            statement.setLong(1 + offset, parsed[0]);
            statement.setLong(2 + offset, parsed[1]);
            int changed = statement.executeUpdate();
            results.add(
                changed == 1
                    ? ReceiptResult.ok(receipt, keepReceipt ? receipt : null)
                    : ReceiptResult.failed(
                        receipt,
                        new LeaseLostException(
                            "message "
                                + receipt.messageId()
                                + " of "
                                + name()
                                + " is no longer"
                                + " leased by this receipt")));
          }
          return results;
        });
  }

  /** Sets the parameters that come before a receipt's sequence number and lease. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private long[] parse(Receipt receipt) {
    String handle = receipt.handle();
    int colon = handle.indexOf(':');
    try {
      return new long[] {
        Long.parseLong(handle.substring(0, colon)), Long.parseLong(handle.substring(colon + 1))
      };
    } catch (RuntimeException e) {
      throw new InvalidInputException("not a receipt of the embedded store: " + receipt);
    }
  }

  @Override
  public QueueDepth depth() {
    return store.inReadTransaction(
        "count " + name(),
        s -> {
          long now = clock.millis();
          PreparedStatement visible =
              s.prepare("SELECT count(*) FROM edw_messages WHERE queue = ? AND visible_at <= ?");
          visible.setString(1, name());
          visible.setLong(2, now);
          PreparedStatement hidden =
              s.prepare(
                  "SELECT count(*), coalesce(sum(dequeue_count = 0), 0) FROM edw_messages"
                      + " WHERE queue = ? AND visible_at > ?");
          hidden.setString(1, name());
          hidden.setLong(2, now);
          long visibleCount;
          try (ResultSet rows = visible.executeQuery()) {
            rows.next();
            visibleCount = rows.getLong(1);
          }
          try (ResultSet rows = hidden.executeQuery()) {
            rows.next();
            long delayed = rows.getLong(2);
            return new QueueDepth(visibleCount, rows.getLong(1) - delayed, delayed, true);
          }
        });
  }

  @Override
  public List<ReceivedMessage> peek(int max) {
    return store.inReadTransaction(
        "peek " + name(),
        s -> {
          PreparedStatement select =
              s.prepare(
                  "SELECT id, body, dequeue_count, enqueued_at, group_id FROM edw_messages"
                      + " WHERE queue = ? AND visible_at <= ? ORDER BY visible_at, seq LIMIT ?");
          select.setString(1, name());
          select.setLong(2, clock.millis());
          select.setInt(3, max);
          List<ReceivedMessage> peeked = new ArrayList<>();
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              peeked.add(
                  new ReceivedMessage(
                      rows.getString(1),
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
    return store.inTransaction(
        "purge " + name(),
        s -> {
          PreparedStatement delete = s.prepare("DELETE FROM edw_messages WHERE queue = ?");
          delete.setString(1, name());
          return (long) delete.executeUpdate();
        });
  }

  @Override
  public void close() {
    onClose.run();
  }
}
