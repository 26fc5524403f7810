package dev.edw.core.backend;

import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.BackendProvider;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the backend for a URI's scheme among the providers on the class path, and resolves bare
 * names against the default store ({@code EDW_STORE}, else {@link ResourceUri#DEFAULT_STORE}).
 */
public final class Backends {
  /** Environment variable naming the store that bare resource names live in. */
  public static final String STORE_ENV = "EDW_STORE";

  private final Map<String, BackendProvider> byScheme = new TreeMap<>();
  private final BackendContext context;

  public Backends(BackendContext context) {
    this(context, ServiceLoader.load(BackendProvider.class).stream().map(p -> p.get()).toList());
  }

  public Backends(BackendContext context, List<BackendProvider> providers) {
    this.context = context;
    for (BackendProvider provider : providers) {
      for (String scheme : provider.schemes()) {
        byScheme.putIfAbsent(scheme, provider);
      }
    }
  }

  public static Backends system() {
    return new Backends(BackendContext.system());
  }

  public BackendContext context() {
    return context;
  }

  /** The store bare names resolve against. */
  public String defaultStore() {
    return context.envVar(STORE_ENV).orElse(ResourceUri.DEFAULT_STORE);
  }

  public ResourceUri parse(String text) {
    return ResourceUri.parse(text, defaultStore());
  }

  public WorkQueue queue(String uri) {
    return queue(parse(uri));
  }

  public WorkQueue queue(ResourceUri uri) {
    return provider(uri, ResourceKind.QUEUE).openQueue(uri, context);
  }

  /**
   * Opens a queue that must already exist, for commands that only look at or change one; the error
   * names the URI with its secrets hidden.
   */
  public WorkQueue existingQueue(String uri) {
    ResourceUri parsed = parse(uri);
    WorkQueue queue = queue(parsed);
    if (!queue.exists()) {
      queue.close();
      throw new ResourceNotFoundException("queue '" + parsed + "' does not exist");
    }
    return queue;
  }

  /** Opens a table that must already exist; the error names the URI with its secrets hidden. */
  public ResultTable existingTable(String uri) {
    ResourceUri parsed = parse(uri);
    ResultTable table = table(parsed);
    if (!table.exists()) {
      table.close();
      throw new ResourceNotFoundException("table '" + parsed + "' does not exist");
    }
    return table;
  }

  /** The poison queue of {@code queue}, named by its backend (usually {@code <queue>-poison}). */
  public WorkQueue poisonQueue(WorkQueue queue) {
    return queue(queue.uri().withName(queue.poisonQueueName()));
  }

  public ResultTable table(String uri) {
    return table(parse(uri));
  }

  public ResultTable table(ResourceUri uri) {
    return provider(uri, ResourceKind.TABLE).openTable(uri, context);
  }

  public BlobStore blobStore(String uri) {
    return blobStore(parse(uri));
  }

  public BlobStore blobStore(ResourceUri uri) {
    return provider(uri, ResourceKind.BLOB).openBlobStore(uri, context);
  }

  /** The kinds of resource the scheme of {@code uri} offers. */
  public Set<ResourceKind> kinds(ResourceUri uri) {
    BackendProvider provider = byScheme.get(uri.scheme());
    if (provider == null) {
      throw unknownScheme(uri);
    }
    return provider.kinds(uri.scheme());
  }

  /** One line per scheme: its kinds and how its URIs look. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    byScheme.forEach(
        (scheme, provider) ->
            lines.add(
                String.format(
                    "%-12s %-22s %s",
                    scheme,
                    provider.kinds(scheme).stream()
                        .map(ResourceKind::noun)
                        .sorted()
                        .reduce((a, b) -> a + ", " + b)
                        .orElse(""),
                    provider.describe(scheme))));
    return lines;
  }

  private InvalidInputException unknownScheme(ResourceUri uri) {
    return new InvalidInputException(
        "no backend for scheme '"
            + uri.scheme()
            + "' in '"
            + uri
            + "'; known schemes: "
            + String.join(", ", byScheme.keySet()));
  }

  private BackendProvider provider(ResourceUri uri, ResourceKind kind) {
    BackendProvider provider = byScheme.get(uri.scheme());
    if (provider == null) {
      throw unknownScheme(uri);
    }
    if (!provider.kinds(uri.scheme()).contains(kind)) {
      throw BackendProvider.unsupported(uri, kind);
    }
    return provider;
  }
}
