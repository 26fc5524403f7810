package dev.edw.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.EdwException;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.AtomicCompletion;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A result table in the embedded store: one row per (PartitionKey, RowKey), properties as JSON. */
final class SqliteResultTable extends SqliteResource implements ResultTable {
  static final int MAX_BATCH = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> PROPS = new TypeReference<>() {};

  SqliteResultTable(SqliteStore store, ResourceUri uri, Clock clock, Runnable onClose) {
    super(store, ResourceKind.TABLE, uri, clock, onClose);
  }

  @Override
  public int maxBatch() {
    return MAX_BATCH;
  }

  @Override
  public void upsert(List<Entity> entities) {
    if (entities.isEmpty()) {
      return;
    }
    Upserts rows = upserts(entities);
    for (int from = 0; from < entities.size(); from += MAX_BATCH) {
      int to = Math.min(entities.size(), from + MAX_BATCH);
      int start = from;
      store.inTransaction(
          "upsert into " + name(),
          s -> {
            rows.apply(s, start, to);
            return null;
          });
    }
  }

  /**
   * Rows and deletes in one transaction, when {@code queue} lives in this table's file. It runs as
   * a drain ({@link SqliteStore#inDrainTransaction}): in the one-file layout it is how the queue
   * empties, so on a full disk it may use the store's reserve as a receive or a delete may.
   */
  @Override
  public Optional<AtomicCompletion> atomicCompletion(WorkQueue queue) {
    if (!(queue instanceof SqliteWorkQueue q) || q.store != store) {
      return Optional.empty();
    }
    String what = "upsert into " + name() + " and delete from " + q.name();
    return Optional.of(
        (entities, receipts) -> {
          Upserts rows = upserts(entities);
          SqliteWorkQueue.LeaseBatch deletes = q.deletes(receipts);
          // a drain of the queue (on a full disk the store frees its reserve for it); the
          // deletes go first, so the rows can reuse the pages they free
          return deletes.results(
              store.inDrainTransaction(
                  what,
                  s -> {
                    java.util.function.LongPredicate deleted = deletes.apply(s);
                    rows.apply(s, 0, entities.size());
                    return deleted;
                  }));
        });
  }

  private Upserts upserts(List<Entity> entities) {
    List<String> props = new ArrayList<>(entities.size());
    for (Entity entity : entities) {
      props.add(toJson(entity.properties()));
    }
    String table = resources.require().table();
    return new Upserts(rows -> upsertSql(table, rows), entities, props, clock);
  }

  /**
   * The upsert of {@code rows} rows into this table: ?1 is the time written on every row, then
   * three parameters a row. Its text is kept per size, as the store keeps the statement, so it is
   * neither built nor hashed afresh under the store's lock.
   */
  private String upsertSql(String table, int rows) {
    return upsertSql.computeIfAbsent(
        rows,
        n -> {
          StringBuilder sql =
              new StringBuilder("INSERT OR REPLACE INTO ")
                  .append(table)
                  .append("(updated_at, pk, rk, props) VALUES ");
          // ?1 comes first, so each plain ? after it numbers on from 2
          for (int r = 0; r < n; r++) {
            sql.append(r == 0 ? "(?1, ?, ?, ?)" : ", (?1, ?, ?, ?)");
          }
          return sql.toString();
        });
  }

  private final Map<Integer, String> upsertSql = new java.util.concurrent.ConcurrentHashMap<>();

  /** Entities with their properties encoded, to upsert inside the caller's transaction. */
  private record Upserts(
      java.util.function.IntFunction<String> sql,
      List<Entity> entities,
      List<String> props,
      Clock clock) {
    void apply(SqliteStore s, int from, int to) throws SQLException {
      long now = clock.millis();
      for (int at = from; at < to; at += Sql.MAX_ROWS) {
        int end = Math.min(to, at + Sql.MAX_ROWS);
        PreparedStatement upsert = s.prepare(sql.apply(end - at));
        upsert.setLong(1, now);
        int p = 2;
        for (int i = at; i < end; i++) {
          Entity entity = entities.get(i);
          upsert.setString(p++, entity.partitionKey());
          upsert.setString(p++, entity.rowKey());
          upsert.setString(p++, props.get(i));
        }
        upsert.executeUpdate();
      }
    }
  }

  @Override
  public Optional<Entity> get(String partitionKey, String rowKey) {
    String table = resources.require().table();
    return store.inReadTransaction(
        "read from " + name(),
        s -> {
          PreparedStatement select =
              s.prepare("SELECT props FROM " + table + " WHERE pk = ? AND rk = ?");
          select.setString(1, partitionKey);
          select.setString(2, rowKey);
          try (ResultSet rows = select.executeQuery()) {
            return rows.next()
                ? Optional.of(new Entity(partitionKey, rowKey, fromJson(rows.getString(1))))
                : Optional.empty();
          }
        });
  }

  @Override
  public List<Entity> query(TableQuery query) {
    String table = resources.require().table();
    return store.inReadTransaction(
        "query " + name(),
        s -> {
          PreparedStatement select;
          if (query.partitionKey() == null) {
            select = s.prepare("SELECT pk, rk, props FROM " + table + " ORDER BY pk, rk LIMIT ?");
            select.setInt(1, query.limit());
          } else {
            select =
                s.prepare(
                    "SELECT pk, rk, props FROM " + table + " WHERE pk = ? ORDER BY rk LIMIT ?");
            select.setString(1, query.partitionKey());
            select.setInt(2, query.limit());
          }
          return readEntities(select);
        });
  }

  /** Pages in key order with a (pk, rk) cursor, one read transaction a page. */
  @Override
  public long scan(int pageSize, Consumer<List<Entity>> page) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("'pageSize' must be at least 1.");
    }
    String table = resources.require().table();
    long seen = 0;
    Entity last = null;
    while (true) {
      Entity after = last;
      List<Entity> entities =
          store.inReadTransaction(
              "scan " + name(),
              s -> {
                PreparedStatement select;
                if (after == null) {
                  select =
                      s.prepare("SELECT pk, rk, props FROM " + table + " ORDER BY pk, rk LIMIT ?");
                  select.setInt(1, pageSize);
                } else {
                  select =
                      s.prepare(
                          "SELECT pk, rk, props FROM "
                              + table
                              + " WHERE (pk, rk) > (?, ?) ORDER BY pk, rk LIMIT ?");
                  select.setString(1, after.partitionKey());
                  select.setString(2, after.rowKey());
                  select.setInt(3, pageSize);
                }
                return readEntities(select);
              });
      if (entities.isEmpty()) {
        return seen;
      }
      page.accept(entities);
      seen += entities.size();
      if (entities.size() < pageSize) {
        return seen;
      }
      last = entities.get(entities.size() - 1);
    }
  }

  private static List<Entity> readEntities(PreparedStatement select) throws SQLException {
    List<Entity> entities = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        entities.add(new Entity(rows.getString(1), rows.getString(2), fromJson(rows.getString(3))));
      }
    }
    return entities;
  }

  @Override
  public long count() {
    String table = resources.require().table();
    return store.inReadTransaction(
        "count " + name(),
        s -> {
          PreparedStatement select = s.prepare("SELECT count(*) FROM " + table);
          try (ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  private static String toJson(Map<String, Object> properties) {
    try {
      return PropertiesJson.write(properties);
    } catch (java.io.IOException e) {
      throw new EdwException("cannot encode entity properties: " + e.getMessage(), false, e);
    }
  }

  private static Map<String, Object> fromJson(String json) {
    try {
      return JSON.readValue(json, PROPS);
    } catch (JsonProcessingException e) {
      throw new EdwException("stored entity properties are not JSON: " + e.getMessage(), false, e);
    }
  }
}
