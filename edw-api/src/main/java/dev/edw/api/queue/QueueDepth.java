package dev.edw.api.queue;

/**
 * How many messages a queue holds.
 *
 * @param visible messages that can be received now
 * @param inFlight messages under a lease; -1 where the service cannot say
 * @param delayed messages not yet visible because of a send or retry delay; -1 where unknown
 * @param exact whether the counts are exact (the embedded store, Redis) or approximate (Azure, SQS)
 */
public record QueueDepth(long visible, long inFlight, long delayed, boolean exact) {

  /** Visible plus in flight plus delayed, counting unknown parts as zero. */
  public long total() {
    return visible + Math.max(inFlight, 0) + Math.max(delayed, 0);
  }

  /** Whether nothing is visible, in flight or delayed. */
  public boolean isEmpty() {
    return total() == 0;
  }
}
