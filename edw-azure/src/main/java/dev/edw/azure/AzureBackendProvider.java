package dev.edw.azure;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.BackendProvider;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Azure Storage schemes: {@code azure-queue://ACCOUNT/QUEUE}, {@code
 * azure-table://ACCOUNT/TABLE} and {@code azure-blob://ACCOUNT/CONTAINER}. See {@link AzureTarget}
 * for the URI forms and how credentials are found, and {@link AzureOptions} for the parameters.
 * Opening checks names and builds the client but sends no request.
 */
public final class AzureBackendProvider implements BackendProvider {
  public static final String QUEUE_SCHEME = "azure-queue";
  public static final String TABLE_SCHEME = "azure-table";
  public static final String BLOB_SCHEME = "azure-blob";

  private static final Logger LOG = LoggerFactory.getLogger(AzureBackendProvider.class);

  private final AzureClients clients = new AzureClients();

  @Override
  public Set<String> schemes() {
    return Set.of(QUEUE_SCHEME, TABLE_SCHEME, BLOB_SCHEME);
  }

  @Override
  public Set<ResourceKind> kinds(String scheme) {
    return switch (scheme) {
      case QUEUE_SCHEME -> Set.of(ResourceKind.QUEUE);
      case TABLE_SCHEME -> Set.of(ResourceKind.TABLE);
      case BLOB_SCHEME -> Set.of(ResourceKind.BLOB);
      default -> Set.of();
    };
  }

  @Override
  public String describe(String scheme) {
    String what =
        switch (scheme) {
          case QUEUE_SCHEME -> "Azure Storage queue: azure-queue://ACCOUNT/QUEUE";
          case TABLE_SCHEME -> "Azure Table storage table: azure-table://ACCOUNT/TABLE";
          case BLOB_SCHEME -> "Azure blob container: azure-blob://ACCOUNT/CONTAINER";
          default -> "not an Azure scheme: " + scheme;
        };
    return what
        + " [?endpoint=URL&connectionString=...&accountKey=...]"
        + (scheme.equals(QUEUE_SCHEME) ? " [&messageEncoding=none|base64]" : "");
  }

  @Override
  public WorkQueue openQueue(ResourceUri uri, BackendContext context) {
    check(uri, QUEUE_SCHEME, ResourceKind.QUEUE);
    AzureTarget target = AzureTarget.resolve(uri, ResourceKind.QUEUE, context);
    AzureNames.checkQueue(target.name());
    AzureOptions options = AzureOptions.from(uri);
    logOpened(target, options);
    return new AzureWorkQueue(target, clients.queue(target, options), options);
  }

  @Override
  public ResultTable openTable(ResourceUri uri, BackendContext context) {
    check(uri, TABLE_SCHEME, ResourceKind.TABLE);
    AzureTarget target = AzureTarget.resolve(uri, ResourceKind.TABLE, context);
    AzureNames.checkTable(target.name());
    AzureOptions options = AzureOptions.from(uri);
    logOpened(target, options);
    return new AzureResultTable(target, clients.table(target, options));
  }

  @Override
  public BlobStore openBlobStore(ResourceUri uri, BackendContext context) {
    check(uri, BLOB_SCHEME, ResourceKind.BLOB);
    AzureTarget target = AzureTarget.resolve(uri, ResourceKind.BLOB, context);
    AzureNames.checkContainer(target.name());
    AzureOptions options = AzureOptions.from(uri);
    logOpened(target, options);
    return new AzureBlobStore(target, clients.container(target, options));
  }

  /** The effective settings, once per opened resource; the URI's toString() hides secrets. */
  private static void logOpened(AzureTarget target, AzureOptions options) {
    LOG.debug(
        "opened {} at {} with {}; {}",
        target.uri(),
        target.where(),
        target.auth().describe(),
        options);
  }

  private static void check(ResourceUri uri, String scheme, ResourceKind kind) {
    if (!uri.scheme().equals(scheme)) {
      throw BackendProvider.unsupported(uri, kind);
    }
    AzureOptions.checkParams(uri, kind);
  }
}
