package dev.edw.core.copy;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Copies every row of one table into another, on any two backends: the source is read page by page
 * ({@link ResultTable#scan}) and each page upserted into the target in batches of the target's
 * {@link ResultTable#maxBatch()}. Upserts replace rows with equal keys, so a re-run (after a
 * failure or not) leaves one row per key. The source is never changed. Not thread-safe.
 */
public final class TableCopier {
  private final CopyOptions options;
  private final Clock clock;

  public TableCopier(CopyOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /** Copies every row; creates the target if it is missing. */
  public CopyReport copy(ResultTable source, ResultTable target, CopyProgress progress) {
    Instant start = clock.instant();
    if (!source.exists()) {
      throw new ResourceNotFoundException("table '" + source.uri() + "' does not exist");
    }
    long[] copied = {0};
    try {
      target.createIfMissing();
      int batch = target.maxBatch();
      source.scan(
          options.pageSize(),
          page -> {
            for (int from = 0; from < page.size(); from += batch) {
              List<Entity> part = page.subList(from, Math.min(page.size(), from + batch));
              target.upsert(part);
              copied[0] += part.size();
              progress.copied(copied[0]);
            }
          });
    } catch (RuntimeException e) {
      CopyReport report = report(source, target, copied[0], start);
      throw new CopyFailedException(
          "copy from "
              + source.uri()
              + " to "
              + target.uri()
              + " stopped after "
              + copied[0]
              + " row(s): "
              + e.getMessage()
              + "; running it again is safe",
          report,
          e);
    }
    return report(source, target, copied[0], start);
  }

  private CopyReport report(ResultTable source, ResultTable target, long copied, Instant start) {
    return new CopyReport(
        ResourceKind.TABLE,
        source.uri().toString(),
        target.uri().toString(),
        copied,
        0,
        Duration.between(start, clock.instant()));
  }
}
