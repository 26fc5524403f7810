package dev.edw.sqlite;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/** Which queues, tables and containers exist in one store. */
final class SqliteResources {
  private final SqliteStore store;
  private final ResourceKind kind;
  private final ResourceUri uri;
  private final Clock clock;

  SqliteResources(SqliteStore store, ResourceKind kind, ResourceUri uri, Clock clock) {
    this.store = store;
    this.kind = kind;
    this.uri = uri;
    this.clock = clock;
  }

  boolean createIfMissing() {
    return store.inTransaction(
        "create " + kind.noun() + " " + uri.name(),
        s -> {
          PreparedStatement insert =
              s.prepare(
                  "INSERT OR IGNORE INTO edw_resources(kind, name, created_at) VALUES (?, ?, ?)");
          insert.setString(1, kind.name());
          insert.setString(2, uri.name());
          insert.setLong(3, clock.millis());
          return insert.executeUpdate() == 1;
        });
  }

  boolean exists() {
    return store.inReadTransaction(
        "look up " + kind.noun() + " " + uri.name(),
        s -> {
          PreparedStatement select =
              s.prepare("SELECT 1 FROM edw_resources WHERE kind = ? AND name = ?");
          select.setString(1, kind.name());
          select.setString(2, uri.name());
          try (ResultSet rows = select.executeQuery()) {
            return rows.next();
          }
        });
  }

  void requireExists() {
    if (!exists()) {
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
  }
}
