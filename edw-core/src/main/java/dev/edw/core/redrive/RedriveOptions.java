package dev.edw.core.redrive;

import java.time.Duration;
import java.util.Objects;

/**
 * What a redrive does.
 *
 * @param max at most this many entries are sent back; 0 for all
 * @param filter only entries whose body or reason contains this text; null for all
 * @param dryRun report what would be sent back, send and delete nothing
 * @param lease how long entries are leased while the redrive runs; entries it skips are released at
 *     the end, so the lease must outlast the run
 * @param receiveWait how long one receive waits for entries before the poison queue counts as done
 */
public record RedriveOptions(
    long max, String filter, boolean dryRun, Duration lease, Duration receiveWait) {
  public static final long DEFAULT_MAX = 0;
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);

  public RedriveOptions {
    if (max < 0) {
      throw new IllegalArgumentException("--max must be 0 (all) or more, not " + max);
    }
    if (filter != null && filter.isEmpty()) {
      filter = null;
    }
    Objects.requireNonNull(lease, "'lease' cannot be null.");
    Objects.requireNonNull(receiveWait, "'receiveWait' cannot be null.");
    if (!lease.isPositive()) {
      throw new IllegalArgumentException("'lease' must be positive.");
    }
  }

  public static RedriveOptions of(long max, String filter, boolean dryRun) {
    return new RedriveOptions(max, filter, dryRun, DEFAULT_LEASE, DEFAULT_WAIT);
  }
}
