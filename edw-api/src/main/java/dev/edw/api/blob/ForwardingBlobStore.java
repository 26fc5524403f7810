package dev.edw.api.blob;

import dev.edw.api.backend.ResourceUri;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * A blob store that hands every call to another; decorators (fault injection, timing) extend it and
 * override only what they change. {@link #get} keeps its default, so it goes through {@link #open}
 * and sees what a decorator does there. {@link #close()} does not close the delegate: whoever
 * opened the delegate closes it.
 */
public abstract class ForwardingBlobStore implements BlobStore {
  protected final BlobStore delegate;

  protected ForwardingBlobStore(BlobStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "'delegate' cannot be null.");
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
    delegate.put(name, content);
  }

  @Override
  public void put(String name, InputStream content, long length) {
    delegate.put(name, content, length);
  }

  @Override
  public InputStream open(String name) {
    return delegate.open(name);
  }

  @Override
  public List<BlobInfo> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public boolean delete(String name) {
    return delegate.delete(name);
  }

  @Override
  public void close() {}
}
