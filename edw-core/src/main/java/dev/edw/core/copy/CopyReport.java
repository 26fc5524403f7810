package dev.edw.core.copy;

import dev.edw.api.backend.ResourceKind;
import java.time.Duration;

/**
 * What a copy did.
 *
 * @param kind queue or table
 * @param source the source, as it may be logged (secrets hidden)
 * @param target the target, likewise
 * @param copied messages the target accepted, or rows upserted
 * @param undeleted copied messages that could not be deleted from the source (their lease was lost,
 *     or the delete failed); they stay in or return to the source, so a later copy or consumer sees
 *     them again (at least once)
 * @param elapsed how long the copy took
 */
public record CopyReport(
    ResourceKind kind,
    String source,
    String target,
    long copied,
    long undeleted,
    Duration elapsed) {

  /** {@code copied N message(s) from X to Y}, or {@code row(s)} for a table. */
  public String summary() {
    String unit = kind == ResourceKind.TABLE ? "row(s)" : "message(s)";
    String line = "copied " + copied + " " + unit + " from " + source + " to " + target;
    if (undeleted > 0) {
      line +=
          "; " + undeleted + " of them could not be deleted from the source and are still there";
    }
    return line;
  }
}
