package dev.edw.sqlite;

import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import java.time.Clock;

/** What every resource of the embedded store shares: its store, URI, catalog entry and clock. */
abstract class SqliteResource implements AutoCloseable {
  protected final SqliteStore store;
  protected final ResourceUri uri;
  protected final Clock clock;
  protected final SqliteResources resources;
  private final Runnable onClose;

  SqliteResource(
      SqliteStore store, ResourceKind kind, ResourceUri uri, Clock clock, Runnable onClose) {
    this.store = store;
    this.uri = uri;
    this.clock = clock;
    this.resources = new SqliteResources(store, kind, uri, clock);
    this.onClose = onClose;
  }

  public ResourceUri uri() {
    return uri;
  }

  public boolean createIfMissing() {
    return resources.createIfMissing();
  }

  public boolean exists() {
    return resources.exists();
  }

  /** Releases this resource's hold on the shared store; the data stays. */
  @Override
  public void close() {
    onClose.run();
  }
}
