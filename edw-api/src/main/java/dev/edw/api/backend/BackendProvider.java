package dev.edw.api.backend;

import dev.edw.api.InvalidInputException;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import java.util.Set;

/**
 * Opens resources for the URI schemes it owns. Found with {@link java.util.ServiceLoader}; an
 * implementation must have a public no-argument constructor and be thread-safe.
 *
 * <p>Opening a resource must not create it: callers call {@code createIfMissing()} where that is
 * wanted, so that a typo in a consumer's URI fails instead of silently creating an empty queue.
 * Opening may check the URI and fail fast with {@link InvalidInputException}.
 */
public interface BackendProvider {

  /** Schemes this provider owns, such as {@code sqlite} or {@code azure-queue}. */
  Set<String> schemes();

  /** Kinds of resource a scheme offers. */
  Set<ResourceKind> kinds(String scheme);

  /** One line for {@code edw backends}: what the scheme is and how its URI looks. */
  String describe(String scheme);

  WorkQueue openQueue(ResourceUri uri, BackendContext context);

  ResultTable openTable(ResourceUri uri, BackendContext context);

  BlobStore openBlobStore(ResourceUri uri, BackendContext context);

  /** The error to raise when a scheme does not offer a kind of resource. */
  static InvalidInputException unsupported(ResourceUri uri, ResourceKind kind) {
    return new InvalidInputException(
        "'"
            + uri
            + "' cannot be used as a "
            + kind.noun()
            + ": scheme '"
            + uri.scheme()
            + "' does not offer one");
  }
}
