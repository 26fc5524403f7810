package dev.edw.testkit.fault;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.blob.BlobInfo;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.blob.ForwardingBlobStore;
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
public final class FaultyBlobStore extends ForwardingBlobStore {
  private final Faults faults;

  public FaultyBlobStore(BlobStore delegate, Faults faults) {
    super(delegate);
    this.faults = Objects.requireNonNull(faults, "'faults' cannot be null.");
  }

  @Override
  public void put(String name, byte[] content) {
    FaultKind kind = drawForPut(name);
    faults.run(kind, "put", () -> delegate.put(name, content));
  }

  @Override
  public void put(String name, InputStream content, long length) {
    FaultKind kind = drawForPut(name);
    if (kind == FaultKind.TIMEOUT) {
      // the stream can be read once: keep its bytes, so the call can be made before it "times out"
      byte[] bytes = readAll(content);
      faults.run(
          kind, "put", () -> delegate.put(name, new ByteArrayInputStream(bytes), bytes.length));
      return;
    }
    faults.run(kind, "put", () -> delegate.put(name, content, length));
  }

  /** The fault of a put; a partial put fails before writing, as the SPI replaces blobs whole. */
  private FaultKind drawForPut(String name) {
    FaultKind kind = faults.draw();
    if (kind == FaultKind.PARTIAL) {
      throw new BackendUnavailableException("injected: put of " + name + " broke off", null);
    }
    return kind;
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
    return faults.fewer(kind, faults.apply(kind, "list", () -> delegate.list(prefix)));
  }

  @Override
  public boolean delete(String name) {
    return faults.call("delete", () -> delegate.delete(name));
  }

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
