package dev.edw.file;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.BackendProvider;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code file:} scheme: a blob store that is a local directory, {@code file:data/images} (the
 * directory {@code data/images}, relative to the working directory) or {@code file:/srv/images}.
 * {@code file:///srv/images} and the fragment form {@code file:data#images} mean the same.
 */
public final class FileBackendProvider implements BackendProvider {
  public static final String SCHEME = "file";

  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
  }

  @Override
  public Set<ResourceKind> kinds(String scheme) {
    return EnumSet.of(ResourceKind.BLOB);
  }

  @Override
  public String describe(String scheme) {
    return "local directory as a blob store: file:data/images or file:/abs/dir";
  }

  @Override
  public WorkQueue openQueue(ResourceUri uri, BackendContext context) {
    throw BackendProvider.unsupported(uri, ResourceKind.QUEUE);
  }

  @Override
  public ResultTable openTable(ResourceUri uri, BackendContext context) {
    throw BackendProvider.unsupported(uri, ResourceKind.TABLE);
  }

  @Override
  public BlobStore openBlobStore(ResourceUri uri, BackendContext context) {
    uri.requireKnownParams(Set.of());
    return new FileBlobStore(uri, directory(uri));
  }

  /** The directory a URI names: its location joined with its name. */
  static Path directory(ResourceUri uri) {
    String location = uri.location();
    if (location.startsWith("//")) {
      if (location.length() > 2 && location.charAt(2) != '/') {
        throw new InvalidInputException(
            "'" + uri + "' names a host; a file: URI is a local path, e.g. file:/srv/images");
      }
      location = location.substring(2);
    }
    try {
      Path base = location.isEmpty() ? Path.of("") : Path.of(location);
      return base.resolve(uri.name()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InvalidInputException("'" + uri + "' is not a valid local path", e);
    }
  }
}
