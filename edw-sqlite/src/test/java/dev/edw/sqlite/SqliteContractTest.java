package dev.edw.sqlite;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.testkit.BlobStoreContract;
import dev.edw.testkit.ResultTableContract;
import dev.edw.testkit.WorkQueueContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The SPI contracts against a real SQLite file. */
class SqliteContractTest {
  @TempDir static Path dir;

  private static final SqliteBackendProvider PROVIDER = new SqliteBackendProvider();

  private static ResourceUri uri(String name) {
    return ResourceUri.parse("sqlite:" + dir.resolve("edw.db") + "#" + name);
  }

  @Nested
  class Queue extends WorkQueueContract {
    @Override
    protected WorkQueue openQueue(String name) {
      return PROVIDER.openQueue(uri(name), BackendContext.system());
    }
  }

  @Nested
  class Table extends ResultTableContract {
    @Override
    protected ResultTable openTable(String name) {
      return PROVIDER.openTable(uri(name), BackendContext.system());
    }
  }

  @Nested
  class Blobs extends BlobStoreContract {
    @Override
    protected BlobStore openBlobStore(String name) {
      return PROVIDER.openBlobStore(uri(name), BackendContext.system());
    }
  }
}
