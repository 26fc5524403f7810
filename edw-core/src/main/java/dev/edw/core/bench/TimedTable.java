package dev.edw.core.bench;

import dev.edw.api.table.Entity;
import dev.edw.api.table.ForwardingResultTable;
import dev.edw.api.table.ResultTable;
import java.util.List;

/** A table that records how long each upsert takes; for benchmarks. */
final class TimedTable extends ForwardingResultTable {
  private final Timings timings;

  TimedTable(ResultTable delegate, Timings timings) {
    super(delegate);
    this.timings = timings;
  }

  @Override
  public void upsert(List<Entity> entities) {
    long t = System.nanoTime();
    delegate.upsert(entities);
    timings.record("table.upsert", t, entities.size());
  }
}
