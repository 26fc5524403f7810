package dev.edw.core.copy;

import java.time.Duration;
import java.util.Objects;

/**
 * How a copy runs.
 *
 * @param lease how long each received source message stays leased to the copier; with {@code
 *     keepSource} every message stays leased until the copy ends, so it must outlast the copy
 * @param receiveWait how long one receive waits for a message (long polling)
 * @param emptyPolls how many empty receives in a row end a queue copy when the source still reports
 *     visible messages (approximate counts of SQS and Azure); an empty receive with no visible
 *     message ends it at once
 * @param pageSize how many rows one read of a source table returns
 * @param keepSource copy queue messages without deleting them: each is received, sent, and released
 *     when the copy ends (its dequeue count rises by one)
 */
public record CopyOptions(
    Duration lease, Duration receiveWait, int emptyPolls, int pageSize, boolean keepSource) {
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_RECEIVE_WAIT = Duration.ofSeconds(1);
  public static final int DEFAULT_EMPTY_POLLS = 3;
  public static final int DEFAULT_PAGE_SIZE = 1_000;

  public static final CopyOptions DEFAULT =
      new CopyOptions(
          DEFAULT_LEASE, DEFAULT_RECEIVE_WAIT, DEFAULT_EMPTY_POLLS, DEFAULT_PAGE_SIZE, false);

  public CopyOptions {
    Objects.requireNonNull(lease, "'lease' cannot be null.");
    Objects.requireNonNull(receiveWait, "'receiveWait' cannot be null.");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("'lease' must be positive.");
    }
    if (receiveWait.isNegative()) {
      throw new IllegalArgumentException("'receiveWait' cannot be negative.");
    }
    if (emptyPolls < 1) {
      throw new IllegalArgumentException("'emptyPolls' must be at least 1.");
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("'pageSize' must be at least 1.");
    }
  }

  public CopyOptions withKeepSource(boolean keep) {
    return new CopyOptions(lease, receiveWait, emptyPolls, pageSize, keep);
  }

  public CopyOptions withReceiveWait(Duration wait) {
    return new CopyOptions(lease, wait, emptyPolls, pageSize, keepSource);
  }

  public CopyOptions withLease(Duration newLease) {
    return new CopyOptions(newLease, receiveWait, emptyPolls, pageSize, keepSource);
  }
}
