package dev.edw.sqlite;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.BackendProvider;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code sqlite:} scheme: {@code sqlite:PATH#NAME}. Every resource of one file in one process
 * shares one {@link SqliteStore}, closed when the last of them is closed.
 */
public final class SqliteBackendProvider implements BackendProvider {
  public static final String SCHEME = "sqlite";

  private static final Map<Path, Shared> STORES = new HashMap<>();

  private record Shared(SqliteStore store, int[] users) {}

  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
  }

  @Override
  public Set<ResourceKind> kinds(String scheme) {
    return EnumSet.allOf(ResourceKind.class);
  }

  @Override
  public String describe(String scheme) {
    return "embedded SQLite file (WAL), queues, tables and blobs: sqlite:edw-data/edw.db#NAME"
        + " [?sync=full|normal]";
  }

  @Override
  public WorkQueue openQueue(ResourceUri uri, BackendContext context) {
    Path file = file(uri);
    return new SqliteWorkQueue(acquire(file, uri), uri, context.clock(), releaseOnce(file));
  }

  @Override
  public ResultTable openTable(ResourceUri uri, BackendContext context) {
    Path file = file(uri);
    return new SqliteResultTable(acquire(file, uri), uri, context.clock(), releaseOnce(file));
  }

  @Override
  public BlobStore openBlobStore(ResourceUri uri, BackendContext context) {
    Path file = file(uri);
    return new SqliteBlobStore(acquire(file, uri), uri, context.clock(), releaseOnce(file));
  }

  private static Path file(ResourceUri uri) {
    uri.requireKnownParams(SqliteOptions.PARAMS);
    return SqliteLocation.fileOf(uri);
  }

  private static SqliteStore acquire(Path file, ResourceUri uri) {
    synchronized (STORES) {
      Shared shared = STORES.get(file);
      if (shared == null) {
        shared = new Shared(new SqliteStore(file, SqliteOptions.from(uri)), new int[] {0});
        STORES.put(file, shared);
      }
      shared.users()[0]++;
      return shared.store();
    }
  }

  /** Closing a resource twice must not release the shared store twice. */
  private static Runnable releaseOnce(Path file) {
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        release(file);
      }
    };
  }

  private static void release(Path file) {
    synchronized (STORES) {
      Shared shared = STORES.get(file);
      if (shared != null && --shared.users()[0] == 0) {
        STORES.remove(file);
        shared.store().close();
      }
    }
  }
}
