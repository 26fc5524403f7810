package dev.edw.workloads.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An image's input that remembers whether reading the store itself failed. ImageIO turns any
 * failure into "cannot decode", which would wrongly blame the image for a lost connection; with
 * this, a refusal can tell a bad image (poison) from a failed read (an outage or a retry).
 */
final class SourceStream extends FilterInputStream {
  private volatile Exception failure;

  SourceStream(InputStream in) {
    super(in);
  }

  /** What reading the store threw first, or null when every read succeeded. */
  Exception failure() {
    return failure;
  }

  /** Throws the store's failure if there was one; otherwise returns {@code refusal} to throw. */
  RuntimeException blameTheStoreOr(RuntimeException refusal) throws IOException {
    Exception first = failure;
    if (first instanceof IOException io) {
      throw io;
    }
    if (first instanceof RuntimeException runtime) {
      throw runtime;
    }
    return refusal;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException | RuntimeException e) {
      remember(e);
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      remember(e);
      throw e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException | RuntimeException e) {
      remember(e);
      throw e;
    }
  }

  private void remember(Exception e) {
    if (failure == null) {
      failure = e;
    }
  }
}
