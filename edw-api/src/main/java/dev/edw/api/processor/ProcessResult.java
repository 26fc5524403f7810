package dev.edw.api.processor;

import dev.edw.api.table.Entity;
import java.time.Instant;
import java.util.List;

/**
 * What processing one message produced.
 *
 * @param entities rows to upsert into the result table before the message is acknowledged
 * @param sourceTime when the event the message carries happened (the seed's {@code srcStamp}), for
 *     the end-to-end latency metric; null to use the time the message was enqueued
 */
public record ProcessResult(List<Entity> entities, Instant sourceTime) {
  private static final ProcessResult NONE = new ProcessResult(List.of());

  public ProcessResult {
    entities = List.copyOf(entities);
  }

  public ProcessResult(List<Entity> entities) {
    this(entities, null);
  }

  /** Nothing to write to the table (the processor wrote blobs, or only had side effects). */
  public static ProcessResult none() {
    return NONE;
  }

  public static ProcessResult of(Entity entity) {
    return new ProcessResult(List.of(entity));
  }
}
