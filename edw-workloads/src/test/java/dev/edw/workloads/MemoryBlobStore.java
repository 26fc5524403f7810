package dev.edw.workloads;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobInfo;
import dev.edw.api.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * A blob store in memory for processor tests. A blob may also be a stream made on demand ({@link
 * #putStreaming}), which is never held whole. {@link #get} is refused, so that a processor that
 * reads a blob whole instead of streaming it fails; tests read results with {@link #text}.
 */
public final class MemoryBlobStore implements BlobStore {
  private final Map<String, Supplier<InputStream>> blobs = new ConcurrentSkipListMap<>();
  private final Map<String, Long> sizes = new ConcurrentSkipListMap<>();

  @Override
  public ResourceUri uri() {
    return ResourceUri.parse("memory:test#blobs");
  }

  @Override
  public boolean createIfMissing() {
    return false;
  }

  @Override
  public boolean exists() {
    return true;
  }

  @Override
  public void put(String name, byte[] content) {
    byte[] copy = content.clone();
    blobs.put(name, () -> new ByteArrayInputStream(copy));
    sizes.put(name, (long) copy.length);
  }

  @Override
  public void put(String name, InputStream content, long length) {
    try {
      put(name, content.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A blob whose content is made by {@code content} each time it is opened. */
  public void putStreaming(String name, Supplier<InputStream> content) {
    blobs.put(name, content);
    sizes.put(name, -1L);
  }

  @Override
  public InputStream open(String name) {
    Supplier<InputStream> content = blobs.get(name);
    if (content == null) {
      throw new ResourceNotFoundException("blob '" + name + "' does not exist");
    }
    return content.get();
  }

  @Override
  public byte[] get(String name) {
    throw new UnsupportedOperationException("processors must stream blobs with open()");
  }

  /** A blob's whole content, for assertions. */
  public byte[] bytes(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  @Override
  public List<BlobInfo> list(String prefix) {
    return sizes.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(e -> new BlobInfo(e.getKey(), e.getValue(), null))
        .toList();
  }

  @Override
  public boolean delete(String name) {
    sizes.remove(name);
    return blobs.remove(name) != null;
  }

  @Override
  public void close() {}
}
