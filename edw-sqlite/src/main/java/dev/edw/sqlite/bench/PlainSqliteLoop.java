package dev.edw.sqlite.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.table.Entity;
import dev.edw.sqlite.WalCheckpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.sqlite.SQLiteConfig;

/**
 * The baseline a user could write by hand on one SQLite file, with no framework: insert the
 * messages in batches, then claim a batch with {@code UPDATE ... RETURNING}, process it, and upsert
 * its rows and delete its messages in one transaction, until the queue is empty. Inserts and claims
 * take batches of their own sizes, as edw's sends and receives do. One thread, one connection, WAL,
 * the given {@code synchronous} mode, checkpoints at the store's size ({@link WalCheckpoint}); the
 * same processor and the same row layout (properties as JSON) as edw's embedded store, so the two
 * differ only in the machinery around them.
 */
public final class PlainSqliteLoop {
  /** Rows per multi-row statement, as the embedded store uses. */
  static final int ROWS_PER_STATEMENT = 256;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final SQLiteConfig.SynchronousMode synchronous;
  private final int insertBatch;
  private final int claimBatch;
  private final Processor processor;

  /**
   * @param file the SQLite file (created if missing; the loop uses tables of its own in it)
   * @param synchronous the durability of each commit, as edw's run uses
   * @param insertBatch messages per insert transaction
   * @param claimBatch messages per claim, and so per upsert-and-delete transaction
   * @param processor turns each message into rows, as edw's run does
   */
  public PlainSqliteLoop(
      Path file,
      SQLiteConfig.SynchronousMode synchronous,
      int insertBatch,
      int claimBatch,
      Processor processor) {
    if (insertBatch < 1 || claimBatch < 1) {
      throw new IllegalArgumentException("'insertBatch' and 'claimBatch' must be at least 1.");
    }
    this.file = file;
    this.synchronous = synchronous;
    this.insertBatch = insertBatch;
    this.claimBatch = claimBatch;
    this.processor = processor;
  }

  /**
   * Fills a fresh queue table with {@code messages} bodies, then drains it; returns the time from
   * the first insert to the last commit. Fails if a row is missing at the end.
   */
  public Duration run(String suffix, long messages, LongFunction<String> body) throws Exception {
    String q = "plain_q_" + suffix;
    String t = "plain_t_" + suffix;
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(synchronous);
    config.setBusyTimeout(30_000);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-16_384);
    try (Connection c = config.createConnection("jdbc:sqlite:" + file);
        Statement control = c.createStatement()) {
      WalCheckpoint.apply(control);
      control.execute(
          "CREATE TABLE "
              + q
              + "(seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL,"
              + " enqueued_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, lease INTEGER)");
      control.execute(
          "CREATE TABLE "
              + t
              + "(pk TEXT NOT NULL, rk TEXT NOT NULL, props TEXT NOT NULL,"
              + " updated_at INTEGER NOT NULL, PRIMARY KEY(pk, rk)) WITHOUT ROWID");
      Statements statements = new Statements(c);
      long start = System.nanoTime();
      for (long from = 0; from < messages; from += insertBatch) {
        int n = (int) Math.min(insertBatch, messages - from);
        control.execute("BEGIN IMMEDIATE");
        insert(statements, q, from, n, body);
        control.execute("COMMIT");
      }
      long drained = 0;
      long lease = 0;
      while (true) {
        control.execute("BEGIN IMMEDIATE");
        List<ReceivedMessage> claimed = claim(c, q, ++lease);
        control.execute("COMMIT");
        if (claimed.isEmpty()) {
          break;
        }
        List<Entity> rows = new ArrayList<>(claimed.size());
        for (ReceivedMessage m : claimed) {
          rows.addAll(processor.process(m).entities());
        }
        control.execute("BEGIN IMMEDIATE");
        upsert(statements, t, rows);
        delete(statements, q, claimed);
        control.execute("COMMIT");
        drained += claimed.size();
      }
      long elapsed = System.nanoTime() - start;
      long rows = count(c, t);
      if (drained != messages || rows != messages) {
        throw new IllegalStateException(
            "plain loop lost work: drained " + drained + ", " + rows + " rows, of " + messages);
      }
      control.execute("DROP TABLE " + q);
      control.execute("DROP TABLE " + t);
      return Duration.ofNanos(elapsed);
    }
  }

  private static void insert(
      Statements statements, String q, long from, int n, LongFunction<String> body)
      throws SQLException {
    long now = System.currentTimeMillis();
    for (int at = 0; at < n; at += ROWS_PER_STATEMENT) {
      int rows = Math.min(ROWS_PER_STATEMENT, n - at);
      PreparedStatement insert =
          statements.get(
              "INSERT INTO "
                  + q
                  + "(body, enqueued_at, visible_at) VALUES "
                  + groups(rows, "(?, ?, ?)"));
      int p = 1;
      for (int i = 0; i < rows; i++) {
        insert.setString(p++, body.apply(from + at + i));
        insert.setLong(p++, now);
        insert.setLong(p++, now);
      }
      insert.executeUpdate();
    }
  }

  private List<ReceivedMessage> claim(Connection c, String q, long lease) throws SQLException {
    long now = System.currentTimeMillis();
    List<ReceivedMessage> claimed = new ArrayList<>(claimBatch);
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE "
                + q
                + " SET visible_at = ?, lease = ? WHERE seq IN (SELECT seq FROM "
                + q
                + " WHERE visible_at <= ? ORDER BY seq LIMIT ?) RETURNING seq, body, enqueued_at")) {
      update.setLong(1, now + 30_000);
      update.setLong(2, lease);
      update.setLong(3, now);
      update.setInt(4, claimBatch);
      try (ResultSet rows = update.executeQuery()) {
        while (rows.next()) {
          String id = Long.toString(rows.getLong(1));
          claimed.add(
              new ReceivedMessage(
                  id, rows.getString(2), 1, Instant.ofEpochMilli(rows.getLong(3)), null, null));
        }
      }
    }
    return claimed;
  }

  private static void upsert(Statements statements, String t, List<Entity> rows) throws Exception {
    long now = System.currentTimeMillis();
    for (int at = 0; at < rows.size(); at += ROWS_PER_STATEMENT) {
      int n = Math.min(ROWS_PER_STATEMENT, rows.size() - at);
      PreparedStatement upsert =
          statements.get(
              "INSERT OR REPLACE INTO "
                  + t
                  + "(pk, rk, props, updated_at) VALUES "
                  + groups(n, "(?, ?, ?, ?)"));
      int p = 1;
      for (int i = at; i < at + n; i++) {
        Entity e = rows.get(i);
        upsert.setString(p++, e.partitionKey());
        upsert.setString(p++, e.rowKey());
        upsert.setString(p++, JSON.writeValueAsString(e.properties()));
        upsert.setLong(p++, now);
      }
      upsert.executeUpdate();
    }
  }

  private static void delete(Statements statements, String q, List<ReceivedMessage> claimed)
      throws SQLException {
    for (int at = 0; at < claimed.size(); at += ROWS_PER_STATEMENT) {
      int n = Math.min(ROWS_PER_STATEMENT, claimed.size() - at);
      PreparedStatement delete =
          statements.get(
              "DELETE FROM " + q + " WHERE seq IN (" + String.join(", ", repeat("?", n)) + ")");
      for (int i = 0; i < n; i++) {
        delete.setLong(i + 1, Long.parseLong(claimed.get(at + i).id()));
      }
      delete.executeUpdate();
    }
  }

  private static long count(Connection c, String t) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM " + t)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String groups(int n, String group) {
    return String.join(", ", repeat(group, n));
  }

  private static List<String> repeat(String s, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(s);
    }
    return out;
  }

  /** Prepared statements cached by their text, as any hand-written loop would keep them. */
  private static final class Statements {
    private final Connection connection;
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    Statements(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement get(String sql) throws SQLException {
      PreparedStatement s = cache.get(sql);
      if (s == null) {
        s = connection.prepareStatement(sql);
        cache.put(sql, s);
      }
      return s;
    }
  }
}
