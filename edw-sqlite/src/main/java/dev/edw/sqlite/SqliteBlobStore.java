package dev.edw.sqlite;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobInfo;
import dev.edw.api.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Blobs in the embedded store, one row each. Meant for small objects and local runs; a blob is read
 * whole into memory, so large files belong in a {@code file:} store.
 */
final class SqliteBlobStore extends SqliteResource implements BlobStore {

  SqliteBlobStore(SqliteStore store, ResourceUri uri, Clock clock, Runnable onClose) {
    super(store, ResourceKind.BLOB, uri, clock, onClose);
  }

  @Override
  public void put(String name, byte[] content) {
    store.inTransaction(
        "put blob " + name,
        s -> {
          PreparedStatement upsert =
              s.prepare(
                  "INSERT OR REPLACE INTO edw_blobs(container, name, content, size, modified_at)"
                      + " VALUES (?, ?, ?, ?, ?)");
          upsert.setString(1, uri.name());
          upsert.setString(2, name);
          upsert.setBytes(3, content);
          upsert.setLong(4, content.length);
          upsert.setLong(5, clock.millis());
          return upsert.executeUpdate();
        });
  }

  @Override
  public void put(String name, InputStream content, long length) {
    try {
      put(name, content.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the content of blob " + name + " failed", e);
    }
  }

  @Override
  public InputStream open(String name) {
    byte[] content =
        store.inReadTransaction(
            "get blob " + name,
            s -> {
              PreparedStatement select =
                  s.prepare("SELECT content FROM edw_blobs WHERE container = ? AND name = ?");
              select.setString(1, uri.name());
              select.setString(2, name);
              try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
              }
            });
    if (content == null) {
      throw new ResourceNotFoundException("blob '" + name + "' does not exist in " + uri);
    }
    return new ByteArrayInputStream(content);
  }

  @Override
  public List<BlobInfo> list(String prefix) {
    return store.inReadTransaction(
        "list blobs",
        s -> {
          PreparedStatement select =
              s.prepare(
                  "SELECT name, size, modified_at FROM edw_blobs WHERE container = ?"
                      + " AND substr(name, 1, length(?)) = ? ORDER BY name");
          select.setString(1, uri.name());
          select.setString(2, prefix);
          select.setString(3, prefix);
          List<BlobInfo> blobs = new ArrayList<>();
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              blobs.add(
                  new BlobInfo(
                      rows.getString(1), rows.getLong(2), Instant.ofEpochMilli(rows.getLong(3))));
            }
          }
          return blobs;
        });
  }

  @Override
  public boolean delete(String name) {
    return store.inTransaction(
        "delete blob " + name,
        s -> {
          PreparedStatement delete =
              s.prepare("DELETE FROM edw_blobs WHERE container = ? AND name = ?");
          delete.setString(1, uri.name());
          delete.setString(2, name);
          return delete.executeUpdate() == 1;
        });
  }
}
