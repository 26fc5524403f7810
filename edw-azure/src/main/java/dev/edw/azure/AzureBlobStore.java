package dev.edw.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobInfo;
import dev.edw.api.blob.BlobStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An Azure blob container of block blobs. {@link #put} uploads whole (the SDK splits large content
 * into blocks and commits them at once, so readers never see a mix); {@link #open} streams.
 *
 * <p>Thread-safe: the SDK client is.
 */
final class AzureBlobStore implements BlobStore {
  private final AzureTarget target;
  private final BlobContainerClient client;
  private final AzureErrors errors;

  AzureBlobStore(AzureTarget target, BlobContainerClient client) {
    this.target = target;
    this.client = client;
    this.errors = new AzureErrors(target);
  }

  @Override
  public ResourceUri uri() {
    return target.uri();
  }

  @Override
  public boolean createIfMissing() {
    return call("creating container", client::createIfNotExists);
  }

  @Override
  public boolean exists() {
    return call("checking container", client::exists);
  }

  @Override
  public void put(String name, byte[] content) {
    BlobClient blob = client.getBlobClient(AzureNames.checkBlob(name));
    call(
        "writing blob '" + name + "' to container",
        () -> {
          blob.upload(BinaryData.fromBytes(content), true);
          return null;
        });
  }

  @Override
  public void put(String name, InputStream content, long length) {
    BlobClient blob = client.getBlobClient(AzureNames.checkBlob(name));
    BlobParallelUploadOptions options =
        length < 0
            ? new BlobParallelUploadOptions(content)
            : new BlobParallelUploadOptions(BinaryData.fromStream(content, length));
    call(
        "writing blob '" + name + "' to container",
        () -> blob.uploadWithResponse(options, null, Context.NONE));
  }

  @Override
  public InputStream open(String name) {
    BlobClient blob = client.getBlobClient(AzureNames.checkBlob(name));
    try {
      return blob.openInputStream();
    } catch (RuntimeException e) {
      if (AzureErrors.status(e) == 404) {
        throw new ResourceNotFoundException(
            errors.scrub(
                "no blob '"
                    + name
                    + "' in container '"
                    + target.name()
                    + "' at "
                    + target.where()
                    + " ("
                    + AzureErrors.errorCode(e)
                    + ")"));
      }
      throw errors.map(e, what("reading blob '" + name + "' of container"));
    }
  }

  @Override
  public List<BlobInfo> list(String prefix) {
    ListBlobsOptions options = new ListBlobsOptions();
    if (prefix != null && !prefix.isEmpty()) {
      options.setPrefix(prefix);
    }
    return call(
        "listing container",
        () -> {
          List<BlobInfo> out = new ArrayList<>();
          for (BlobItem item : client.listBlobs(options, null)) {
            Long size =
                item.getProperties() == null ? null : item.getProperties().getContentLength();
            Instant modified =
                item.getProperties() == null || item.getProperties().getLastModified() == null
                    ? null
                    : item.getProperties().getLastModified().toInstant();
            out.add(new BlobInfo(item.getName(), size == null ? 0 : size, modified));
          }
          return out;
        });
  }

  @Override
  public boolean delete(String name) {
    BlobClient blob = client.getBlobClient(AzureNames.checkBlob(name));
    return call("deleting blob '" + name + "' of container", blob::deleteIfExists);
  }

  @Override
  public void close() {
    // The SDK client holds no resources of its own; the shared HTTP client stays open.
  }

  private <T> T call(String verb, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw errors.map(e, what(verb));
    }
  }

  private String what(String verb) {
    return verb + " '" + target.name() + "' at " + target.where();
  }
}
