package dev.edw.testkit.fault;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobInfo;
import dev.edw.api.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * A blob store that injects faults into the calls it hands on, as drawn by {@link Faults}. Partial
 * answers: a put that fails without writing; an open whose stream breaks with an {@link
 * IOException} halfway; a list that shows fewer blobs. A put never leaves half a blob, since the
 * SPI promises whole replacement. {@link #close()} does not close the delegate. Thread-safe if the
 * delegate is.
 */
public final class FaultyBlobStore implements BlobStore {
  private final BlobStore delegate;
  private final Faults faults;

  public FaultyBlobStore(BlobStore delegate, Faults faults) {
    this.delegate = Objects.requireNonNull(delegate, "'delegate' cannot be null.");
    this.faults = Objects.requireNonNull(faults, "'faults' cannot be null.");
  }

  @Override
  public ResourceUri uri() {
    return delegate.uri();
  }

  @Override
  public boolean createIfMissing() {
    return delegate.createIfMissing();
  }

  @Override
  public boolean exists() {
    return delegate.exists();
  }

  @Override
  public void put(String name, byte[] content) {
    FaultKind kind = faults.draw();
    if (kind == FaultKind.PARTIAL) {
      throw new BackendUnavailableException("injected: put of " + name + " broke off", null);
    }
    faults.apply(
        kind,
        "put",
        () -> {
          delegate.put(name, content);
          return null;
        });
  }

  @Override
  public void put(String name, InputStream content, long length) {
    FaultKind kind = faults.draw();
    if (kind == FaultKind.PARTIAL) {
      throw new BackendUnavailableException("injected: put of " + name + " broke off", null);
    }
    if (kind == FaultKind.TIMEOUT) {
      // the stream can be read once: keep its bytes, so the call can be made before it "times out"
      byte[] bytes = readAll(content);
      faults.apply(
          kind,
          "put",
          () -> {
            delegate.put(name, new ByteArrayInputStream(bytes), bytes.length);
            return null;
          });
      return;
    }
    faults.apply(
        kind,
        "put",
        () -> {
          delegate.put(name, content, length);
          return null;
        });
  }

  @Override
  public InputStream open(String name) {
    FaultKind kind = faults.draw();
    InputStream in = faults.apply(kind, "open", () -> delegate.open(name));
    return kind == FaultKind.PARTIAL ? new BreakingStream(in, name) : in;
  }

  @Override
  public List<BlobInfo> list(String prefix) {
    FaultKind kind = faults.draw();
    List<BlobInfo> blobs = faults.apply(kind, "list", () -> delegate.list(prefix));
    return kind == FaultKind.PARTIAL && !blobs.isEmpty()
        ? List.copyOf(blobs.subList(0, faults.nextInt(blobs.size())))
        : blobs;
  }

  @Override
  public boolean delete(String name) {
    return faults.apply(faults.draw(), "delete", () -> delegate.delete(name));
  }

  @Override
  public void close() {}

  private static byte[] readAll(InputStream content) {
    try {
      return content.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Hands on the first bytes of a blob, then fails as a dropped connection would. */
  private static final class BreakingStream extends FilterInputStream {
    private final String name;
    private int left = 1;

    BreakingStream(InputStream in, String name) {
      super(in);
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      check();
      left--;
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      check();
      int n = super.read(b, off, Math.min(len, left));
      left -= Math.max(n, 0);
      return n;
    }

    private void check() throws IOException {
      if (left <= 0) {
        throw new IOException("injected: reading " + name + " broke off");
      }
    }
  }
}
