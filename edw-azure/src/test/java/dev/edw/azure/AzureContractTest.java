package dev.edw.azure;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.testkit.BlobStoreContract;
import dev.edw.testkit.ResultTableContract;
import dev.edw.testkit.WorkQueueContract;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SPI contracts against Azurite. */
@Tag("azure")
class AzureContractTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  private static final AzureBackendProvider PROVIDER = new AzureBackendProvider();
  private static final BackendContext CONTEXT = new BackendContext(Map.of(), Clock.systemUTC());

  @Nested
  class Queue extends WorkQueueContract {
    @Override
    protected WorkQueue openQueue(String name) {
      return PROVIDER.openQueue(AZURITE.azurite().uri("azure-queue", name), CONTEXT);
    }
  }

  @Nested
  class Table extends ResultTableContract {
    @Override
    protected ResultTable openTable(String name) {
      return PROVIDER.openTable(AZURITE.azurite().uri("azure-table", name), CONTEXT);
    }
  }

  @Nested
  class Blobs extends BlobStoreContract {
    @Override
    protected BlobStore openBlobStore(String name) {
      return PROVIDER.openBlobStore(AZURITE.azurite().uri("azure-blob", name), CONTEXT);
    }
  }
}
