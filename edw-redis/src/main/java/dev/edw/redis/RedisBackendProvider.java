package dev.edw.redis;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.BackendProvider;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code redis:} and {@code rediss:} (TLS) schemes: work queues on a Redis list, e.g. {@code
 * redis://localhost:6379/0/temperature_job}, or {@code redis:temperature_job} with REDIS_HOST,
 * REDIS_PORT and REDIS_PASSWORD from the environment. Opening connects lazily, on first use.
 */
public final class RedisBackendProvider implements BackendProvider {
  public static final String SCHEME = "redis";
  public static final String TLS_SCHEME = RedisOptions.TLS_SCHEME;

  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME, TLS_SCHEME);
  }

  @Override
  public Set<ResourceKind> kinds(String scheme) {
    return EnumSet.of(ResourceKind.QUEUE);
  }

  @Override
  public String describe(String scheme) {
    return scheme.equals(TLS_SCHEME)
        ? "Redis lease queue over TLS: rediss://[:password@]host:6380/0/LIST"
        : "Redis lease queue on a list: redis://[:password@]host:6379/0/LIST or redis:LIST"
            + " (REDIS_HOST, REDIS_PORT, REDIS_PASSWORD)";
  }

  @Override
  public WorkQueue openQueue(ResourceUri uri, BackendContext context) {
    return new RedisWorkQueue(RedisOptions.from(uri, context));
  }

  @Override
  public ResultTable openTable(ResourceUri uri, BackendContext context) {
    throw BackendProvider.unsupported(RedisOptions.from(uri, context).uri(), ResourceKind.TABLE);
  }

  @Override
  public BlobStore openBlobStore(ResourceUri uri, BackendContext context) {
    throw BackendProvider.unsupported(RedisOptions.from(uri, context).uri(), ResourceKind.BLOB);
  }
}
