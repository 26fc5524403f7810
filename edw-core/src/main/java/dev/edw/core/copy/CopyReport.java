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
 * @param leaseLost copied messages whose source delete failed because the lease was lost; they may
 *     reach the target a second time (at least once)
 * @param elapsed how long the copy took
 */
public record CopyReport(
    ResourceKind kind,
    String source,
    String target,
    long copied,
    long leaseLost,
    Duration elapsed) {

  /** {@code copied N message(s) from X to Y}, or {@code row(s)} for a table. */
  public String summary() {
    String unit = kind == ResourceKind.TABLE ? "row(s)" : "message(s)";
    String line = "copied " + copied + " " + unit + " from " + source + " to " + target;
    if (leaseLost > 0) {
      line += " (" + leaseLost + " lost their source lease and may arrive twice)";
    }
    return line;
  }
}
