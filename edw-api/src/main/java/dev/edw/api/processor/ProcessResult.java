package dev.edw.api.processor;

import dev.edw.api.table.Entity;
import java.util.List;

/**
 * What processing one message produced.
 *
 * @param entities rows to upsert into the result table before the message is acknowledged
 */
public record ProcessResult(List<Entity> entities) {
  private static final ProcessResult NONE = new ProcessResult(List.of());

  public ProcessResult {
    entities = List.copyOf(entities);
  }

  /** Nothing to write to the table (the processor wrote blobs, or only had side effects). */
  public static ProcessResult none() {
    return NONE;
  }

  public static ProcessResult of(Entity entity) {
    return new ProcessResult(List.of(entity));
  }
}
