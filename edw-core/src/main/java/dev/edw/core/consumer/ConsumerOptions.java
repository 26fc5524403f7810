package dev.edw.core.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How one consumer replica runs. Every default is a constant here; cross-field rules are checked
 * when the record is built.
 *
 * @param concurrency messages processed at once; changeable at runtime through {@link
 *     QueueWorker#setConcurrency(int)}
 * @param prefetch messages received ahead of processing, beyond {@code concurrency}: the least that
 *     is held while messages finish slowly
 * @param maxPrefetch the most messages received ahead of processing: while messages finish fast,
 *     the prefetch grows towards this so that the extra ones would start within about 100 ms anyway
 *     ({@code PrefetchWindow}); at or below {@code prefetch} the prefetch is fixed
 * @param visibility the lease taken on receive and renewed while a message is processed
 * @param maxDequeue attempts after which a failing message goes to {@code <queue>-poison}
 * @param retryBase back-off of the first retry; doubles per attempt
 * @param retryMax longest back-off between retries
 * @param drainTimeout how long a drain waits for in-flight work on SIGTERM
 * @param maxIdlePoll longest wait between receives while the queue is empty
 * @param writeBatch most results written (and messages acknowledged) in one batch
 * @param writeLinger longest a finished result waits for its batch to fill
 * @param untilEmpty stop, draining, once nothing is visible or in flight
 * @param maxMessages stop after this many messages completed (acknowledged or poisoned); 0 for no
 *     limit
 * @param processingTimeout longest one attempt may run in the processor; past it the attempt fails,
 *     its worker is interrupted (or replaced if it does not stop) and the lease is no longer kept
 */
public record ConsumerOptions(
    int concurrency,
    int prefetch,
    int maxPrefetch,
    Duration visibility,
    int maxDequeue,
    Duration retryBase,
    Duration retryMax,
    Duration drainTimeout,
    Duration maxIdlePoll,
    int writeBatch,
    Duration writeLinger,
    boolean untilEmpty,
    long maxMessages,
    Duration processingTimeout) {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_PREFETCH = 256;

  /**
   * Two write batches: the writer fills one while the other commits, so a fast pipeline never waits
   * for its linger.
   */
  public static final int DEFAULT_MAX_PREFETCH = 2_000;

  public static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_DEQUEUE = 5;
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(1);
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(25);
  public static final Duration DEFAULT_MAX_IDLE_POLL = Duration.ofSeconds(1);

  /**
   * On the embedded store a commit (an fsync at {@code sync=full}) costs about as much as the work
   * of hundreds of rows, and the writer and the poller take turns on the file's one write lock, so
   * fewer, larger transactions drain faster: with 1,000 against 500 the CLI path's 200,000 messages
   * took a median 3.53 against 4.30 s on a loaded machine, in 450 transactions instead of 863
   * (docs/benchmarks.md). Remote tables split a batch into their own request sizes.
   */
  public static final int DEFAULT_WRITE_BATCH = 1_000;

  public static final Duration DEFAULT_WRITE_LINGER = Duration.ofMillis(5);
  public static final boolean DEFAULT_UNTIL_EMPTY = false;
  public static final long DEFAULT_MAX_MESSAGES = 0;
  public static final Duration DEFAULT_PROCESSING_TIMEOUT = Duration.ofMinutes(5);

  public ConsumerOptions {
    require(concurrency >= 1, "'concurrency' must be at least 1.");
    require(prefetch >= 0, "'prefetch' cannot be negative.");
    require(maxPrefetch >= 0, "'maxPrefetch' cannot be negative.");
    require(visibility.toMillis() >= 1_000, "'visibility' must be at least one second.");
    require(maxDequeue >= 1, "'maxDequeue' must be at least 1.");
    require(
        !retryBase.isNegative() && retryBase.compareTo(retryMax) <= 0,
        "'retryBase' must be between zero and 'retryMax'.");
    require(!drainTimeout.isNegative(), "'drainTimeout' cannot be negative.");
    require(maxIdlePoll.toMillis() >= 1, "'maxIdlePoll' must be at least 1 ms.");
    require(writeBatch >= 1, "'writeBatch' must be at least 1.");
    require(!writeLinger.isNegative(), "'writeLinger' cannot be negative.");
    require(maxMessages >= 0, "'maxMessages' cannot be negative.");
    require(processingTimeout.toMillis() >= 1, "'processingTimeout' must be at least 1 ms.");
  }

  private static void require(boolean rule, String message) {
    if (!rule) {
      throw new IllegalArgumentException(message);
    }
  }

  public static ConsumerOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.concurrency = concurrency;
    b.prefetch = prefetch;
    b.prefetchSet = true;
    b.maxPrefetch = maxPrefetch;
    b.visibility = visibility;
    b.maxDequeue = maxDequeue;
    b.retryBase = retryBase;
    b.retryMax = retryMax;
    b.drainTimeout = drainTimeout;
    b.maxIdlePoll = maxIdlePoll;
    b.writeBatch = writeBatch;
    b.writeLinger = writeLinger;
    b.untilEmpty = untilEmpty;
    b.maxMessages = maxMessages;
    b.processingTimeout = processingTimeout;
    return b;
  }

  /** Builds {@link ConsumerOptions}; unset fields keep their defaults. */
  public static final class Builder {
    private int concurrency = DEFAULT_CONCURRENCY;
    private int prefetch = DEFAULT_PREFETCH;
    private Integer maxPrefetch;
    private boolean prefetchSet;
    private Duration visibility = DEFAULT_VISIBILITY;
    private int maxDequeue = DEFAULT_MAX_DEQUEUE;
    private Duration retryBase = DEFAULT_RETRY_BASE;
    private Duration retryMax = DEFAULT_RETRY_MAX;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private Duration maxIdlePoll = DEFAULT_MAX_IDLE_POLL;
    private int writeBatch = DEFAULT_WRITE_BATCH;
    private Duration writeLinger = DEFAULT_WRITE_LINGER;
    private boolean untilEmpty = DEFAULT_UNTIL_EMPTY;
    private long maxMessages = DEFAULT_MAX_MESSAGES;
    private Duration processingTimeout = DEFAULT_PROCESSING_TIMEOUT;

    private Builder() {}

    public Builder concurrency(int value) {
      concurrency = value;
      return this;
    }

    /**
     * The least prefetch. Set without {@link #maxPrefetch}, it is also the most: a prefetch that is
     * asked for is kept (e.g. 0 for one message at a time), not grown.
     */
    public Builder prefetch(int value) {
      prefetch = value;
      prefetchSet = true;
      return this;
    }

    /** The most the prefetch grows to while messages finish fast; see {@link ConsumerOptions}. */
    public Builder maxPrefetch(int value) {
      maxPrefetch = value;
      return this;
    }

    public Builder visibility(Duration value) {
      visibility = value;
      return this;
    }

    public Builder maxDequeue(int value) {
      maxDequeue = value;
      return this;
    }

    public Builder retry(Duration base, Duration max) {
      retryBase = base;
      retryMax = max;
      return this;
    }

    public Builder drainTimeout(Duration value) {
      drainTimeout = value;
      return this;
    }

    public Builder maxIdlePoll(Duration value) {
      maxIdlePoll = value;
      return this;
    }

    public Builder writeBatch(int value) {
      writeBatch = value;
      return this;
    }

    public Builder writeLinger(Duration value) {
      writeLinger = value;
      return this;
    }

    public Builder untilEmpty(boolean value) {
      untilEmpty = value;
      return this;
    }

    public Builder maxMessages(long value) {
      maxMessages = value;
      return this;
    }

    public Builder processingTimeout(Duration value) {
      processingTimeout = value;
      return this;
    }

    public ConsumerOptions build() {
      return new ConsumerOptions(
          concurrency,
          prefetch,
          maxPrefetch != null ? maxPrefetch : prefetchSet ? prefetch : DEFAULT_MAX_PREFETCH,
          visibility,
          maxDequeue,
          retryBase,
          retryMax,
          drainTimeout,
          maxIdlePoll,
          writeBatch,
          writeLinger,
          untilEmpty,
          maxMessages,
          processingTimeout);
    }
  }

  /** The back-off before attempt {@code dequeueCount + 1}: base doubled per attempt, capped. */
  public Duration retryDelay(int dequeueCount) {
    int doublings = Math.max(0, Math.min(dequeueCount - 1, 30));
    long millis = retryBase.toMillis() << doublings;
    return millis < 0 || millis > retryMax.toMillis() ? retryMax : Duration.ofMillis(millis);
  }

  /**
   * These options as the flags of {@code edw consume} and {@code edw job}, every field spelled out,
   * so that a parent process (the local autoscaler, a deployment renderer) starts replicas with
   * exactly these settings: parsing the result gives back equal options.
   */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>();
    add(args, "--concurrency", Integer.toString(concurrency));
    add(args, "--prefetch", Integer.toString(prefetch));
    add(args, "--max-prefetch", Integer.toString(maxPrefetch));
    add(args, "--visibility", flag(visibility));
    add(args, "--max-dequeue", Integer.toString(maxDequeue));
    add(args, "--retry-delay", flag(retryBase));
    add(args, "--max-retry-delay", flag(retryMax));
    add(args, "--drain-timeout", flag(drainTimeout));
    add(args, "--max-idle-poll", flag(maxIdlePoll));
    add(args, "--write-batch", Integer.toString(writeBatch));
    add(args, "--write-linger", flag(writeLinger));
    add(args, "--max-messages", Long.toString(maxMessages));
    add(args, "--processing-timeout", flag(processingTimeout));
    args.add(untilEmpty ? "--until-empty" : "--no-until-empty");
    return List.copyOf(args);
  }

  /**
   * The record's usual text, written out: the generated one is linked on first use, about 40 ms of
   * CPU at each start, and every consumer logs its options as it starts.
   */
  @Override
  public String toString() {
    return new StringBuilder(320)
        .append("ConsumerOptions[concurrency=")
        .append(concurrency)
        .append(", prefetch=")
        .append(prefetch)
        .append(", maxPrefetch=")
        .append(maxPrefetch)
        .append(", visibility=")
        .append(visibility)
        .append(", maxDequeue=")
        .append(maxDequeue)
        .append(", retryBase=")
        .append(retryBase)
        .append(", retryMax=")
        .append(retryMax)
        .append(", drainTimeout=")
        .append(drainTimeout)
        .append(", maxIdlePoll=")
        .append(maxIdlePoll)
        .append(", writeBatch=")
        .append(writeBatch)
        .append(", writeLinger=")
        .append(writeLinger)
        .append(", untilEmpty=")
        .append(untilEmpty)
        .append(", maxMessages=")
        .append(maxMessages)
        .append(", processingTimeout=")
        .append(processingTimeout)
        .append(']')
        .toString();
  }

  private static void add(List<String> args, String name, String value) {
    args.add(name);
    args.add(value);
  }

  /**
   * A duration as a flag value: {@code 2h}, {@code 5m}, {@code 30s} or {@code 1500ms}, in the
   * largest unit that is exact (to the millisecond).
   */
  public static String flag(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }
}
