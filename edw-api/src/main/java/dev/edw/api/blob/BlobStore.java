package dev.edw.api.blob;

import dev.edw.api.backend.ResourceUri;
import java.io.InputStream;
import java.util.List;

/**
 * Named byte objects in one container (an Azure container, a directory, the embedded store).
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use. A {@link #put} replaces
 * the blob whole: readers see the old or the new content, never a mix.
 */
public interface BlobStore extends AutoCloseable {

  ResourceUri uri();

  boolean createIfMissing();

  boolean exists();

  /** Writes (or replaces) a blob. */
  void put(String name, byte[] content);

  /**
   * Writes (or replaces) a blob from a stream, read to its end.
   *
   * @param length the number of bytes, or -1 if unknown
   */
  void put(String name, InputStream content, long length);

  /**
   * Opens a blob for reading; the caller closes the stream. Large blobs are streamed, not loaded.
   *
   * @throws dev.edw.api.ResourceNotFoundException if there is no such blob
   */
  InputStream open(String name);

  /** The whole content of a small blob. */
  default byte[] get(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Blobs whose names start with {@code prefix} (empty for all), in name order. */
  List<BlobInfo> list(String prefix);

  /** Deletes a blob; returns whether it existed. */
  boolean delete(String name);

  @Override
  void close();
}
