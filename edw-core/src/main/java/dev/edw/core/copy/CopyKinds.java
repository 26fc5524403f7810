package dev.edw.core.copy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import java.util.Set;

/**
 * Tells whether a copy source is a queue or a table. A scheme that offers one of the two kinds
 * ({@code sqs}, {@code dynamodb}, {@code azure-queue}, {@code azure-table}) names that kind. A
 * scheme that offers both (the embedded {@code sqlite} store) names the one that exists; when both
 * exist the caller must say which, and when neither does the source is not found.
 */
public final class CopyKinds {
  private final Backends backends;

  public CopyKinds(Backends backends) {
    this.backends = backends;
  }

  public ResourceKind detect(ResourceUri source) {
    Set<ResourceKind> kinds = backends.kinds(source);
    boolean queues = kinds.contains(ResourceKind.QUEUE);
    boolean tables = kinds.contains(ResourceKind.TABLE);
    if (queues != tables) {
      return queues ? ResourceKind.QUEUE : ResourceKind.TABLE;
    }
    if (!queues) {
      throw new InvalidInputException(
          "'" + source + "' is neither a queue nor a table: only those can be copied");
    }
    boolean queue = queueExists(source);
    boolean table = tableExists(source);
    if (queue && table) {
      throw new InvalidInputException(
          "'" + source + "' names both a queue and a table: give --kind queue or --kind table");
    }
    if (!queue && !table) {
      throw new ResourceNotFoundException(
          "'" + source + "' is neither an existing queue nor an existing table");
    }
    return queue ? ResourceKind.QUEUE : ResourceKind.TABLE;
  }

  private boolean queueExists(ResourceUri uri) {
    try (WorkQueue q = backends.queue(uri)) {
      return q.exists();
    }
  }

  private boolean tableExists(ResourceUri uri) {
    try (ResultTable t = backends.table(uri)) {
      return t.exists();
    }
  }
}
