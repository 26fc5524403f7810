package dev.edw.sqlite;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/**
 * One resource's entry in the store's catalog: whether it exists, the table holding its rows, and
 * its incarnation (a random id drawn at creation, which makes message ids unique across a queue
 * that is dropped and made again). An entry never changes once made, so it is cached.
 */
final class SqliteResources {
  /** A resource that exists. */
  record Entry(long id, String incarnation, String table) {}

  private final SqliteStore store;
  private final ResourceKind kind;
  private final ResourceUri uri;
  private final Clock clock;
  private volatile Entry entry;

  SqliteResources(SqliteStore store, ResourceKind kind, ResourceUri uri, Clock clock) {
    this.store = store;
    this.kind = kind;
    this.uri = uri;
    this.clock = clock;
  }

  boolean createIfMissing() {
    if (entry != null) {
      return false;
    }
    return store.inTransaction(
        "create " + kind.noun() + " " + uri.name(),
        s -> {
          PreparedStatement insert =
              s.prepare(
                  "INSERT OR IGNORE INTO edw_catalog(kind, name, incarnation, created_at)"
                      + " VALUES (?, ?, ?, ?)");
          insert.setString(1, kind.name());
          insert.setString(2, uri.name());
          insert.setString(3, UUID.randomUUID().toString().substring(0, 13).replace("-", ""));
          insert.setLong(4, clock.millis());
          boolean created = insert.executeUpdate() == 1;
          Entry found = find(s);
          if (found.table() != null) {
            try (var ddl = s.statement()) {
              ddl.execute(SqliteSchema.createTable(kind, found.table()));
              if (kind == ResourceKind.QUEUE) {
                ddl.execute(SqliteSchema.leasedIndex(found.table()));
              }
            }
          }
          entry = found;
          return created;
        });
  }

  boolean exists() {
    return lookUp() != null;
  }

  /** The entry, or {@link ResourceNotFoundException}. */
  Entry require() {
    Entry found = lookUp();
    if (found == null) {
      throw new ResourceNotFoundException(
          kind.noun()
              + " '"
              + uri.name()
              + "' does not exist in "
              + store.file()
              + " ("
              + uri
              + ")");
    }
    return found;
  }

  private Entry lookUp() {
    Entry cached = entry;
    if (cached != null) {
      return cached;
    }
    if (!store.fileExists()) {
      return null;
    }
    Entry found = store.inReadTransaction("look up " + kind.noun() + " " + uri.name(), this::find);
    entry = found;
    return found;
  }

  private Entry find(SqliteStore s) throws SQLException {
    PreparedStatement select =
        s.prepare("SELECT id, incarnation FROM edw_catalog WHERE kind = ? AND name = ?");
    select.setString(1, kind.name());
    select.setString(2, uri.name());
    try (ResultSet rows = select.executeQuery()) {
      if (!rows.next()) {
        return null;
      }
      long id = rows.getLong(1);
      return new Entry(id, rows.getString(2), SqliteSchema.tableOf(kind, id));
    }
  }
}
