package dev.edw.core.producer;

import dev.edw.api.EdwException;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends seed-format messages to a queue in batches from a few virtual threads, at an optional rate,
 * until a count or a duration is reached. Creates the queue if it is missing. With message groups,
 * each group is sent by one sender, in sequence order, so a FIFO queue keeps each group's messages
 * in the order of their sequence numbers.
 *
 * <p>Every message carries a stable key, {@code <run id>-<sequence>} (the {@code edwKey} field, and
 * the deduplication id of an SQS FIFO queue): a batch that is sent again after a send timed out
 * although the queue had taken it is a repeat of the same keys, and the {@code record} processor
 * writes one row per key. A send failing retryably is tried again for up to {@link
 * ProducerOptions#giveUpAfter()}; when the run stops, {@link ProduceFailedException} says exactly
 * how many messages were sent.
 */
public final class Producer {
  private static final Logger log = LoggerFactory.getLogger(Producer.class);

  static final Duration SEND_RETRY_FIRST = Duration.ofMillis(100);
  static final Duration SEND_RETRY_MAX = Duration.ofSeconds(5);

  private final WorkQueue queue;
  private final ProducerOptions options;
  private final Clock clock;
  private final SeedMessages messages;
  private final AtomicLong claimed = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong inDoubt = new AtomicLong();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final String runId;

  public Producer(WorkQueue queue, ProducerOptions options, Clock clock) {
    this(queue, options, clock, newRunId());
  }

  /**
   * @param runId the first part of every message key; a new run needs a new id, or its rows
   *     overwrite those of the run that used it
   */
  public Producer(WorkQueue queue, ProducerOptions options, Clock clock, String runId) {
    this.queue = queue;
    this.options = options;
    this.clock = clock;
    this.messages = new SeedMessages(options.payloadBytes());
    this.runId = runId;
  }

  /** A new random run id, as each producer picks one when it is given none. */
  public static String newRunId() {
    return Long.toString(
        java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, Character.MAX_RADIX);
  }

  /** The first part of every message key of this run. */
  public String runId() {
    return runId;
  }

  /** The stable key of message {@code sequence}. */
  public String key(long sequence) {
    return key(runId, sequence);
  }

  /** The stable key of message {@code sequence} of run {@code runId}. */
  public static String key(String runId, long sequence) {
    return runId + "-" + sequence;
  }

  public long sent() {
    return sent.get();
  }

  /**
   * Sends until done; {@code progress} is called with the running total after each batch.
   *
   * @return messages sent
   * @throws ProduceFailedException when a send failed for good, with the exact count sent
   */
  public long run(LongConsumer progress) throws InterruptedException {
    createRetrying();
    int batch = Math.min(options.batchSize(), queue.limits().maxSendBatch());
    if (options.rate() > 0) {
      // at a set rate, send about ten batches a second so the pace stays even
      batch = (int) Math.max(1, Math.min(batch, options.rate() / 10));
    }
    int batchSize = batch;
    long deadline =
        options.duration() == null
            ? Long.MAX_VALUE
            : System.nanoTime() + options.duration().toNanos();
    long startNanos = System.nanoTime();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      if (options.groupCount() == 0) {
        for (int s = 0; s < options.senders(); s++) {
          running.add(senders.submit(() -> send(batchSize, deadline, startNanos, progress)));
        }
      } else {
        int owners = Math.min(options.senders(), options.groupCount());
        for (int s = 0; s < owners; s++) {
          int owner = s;
          running.add(
              senders.submit(
                  () -> sendGroups(owner, owners, batchSize, deadline, startNanos, progress)));
        }
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
          failure.compareAndSet(null, cause);
        }
      }
    }
    RuntimeException failed = failure.get();
    if (failed != null) {
      throw new ProduceFailedException(sent.get(), options.count(), inDoubt.get(), failed);
    }
    return sent.get();
  }

  private Void send(int batch, long deadline, long startNanos, LongConsumer progress)
      throws InterruptedException {
    while (System.nanoTime() < deadline && failure.get() == null) {
      long first = claimed.getAndAdd(batch);
      long n = batch;
      if (options.count() > 0) {
        n = Math.min(batch, options.count() - first);
        if (n <= 0) {
          return null;
        }
      }
      pace(first, startNanos);
      if (System.nanoTime() >= deadline) {
        return null;
      }
      List<OutgoingMessage> out = new ArrayList<>((int) n);
      var now = clock.instant();
      for (long i = first; i < first + n; i++) {
        out.add(message(i, now));
      }
      sendRetrying(out);
      progress.accept(sent.addAndGet(n));
    }
    return null;
  }

  /**
   * Sends the messages of the groups that sender {@code owner} of {@code owners} owns (group g
   * belongs to sender g % owners), in sequence order: batches of concurrent senders may reach the
   * queue in any order, so each group has exactly one sender, which keeps a FIFO group's order.
   */
  private Void sendGroups(
      int owner, int owners, int batch, long deadline, long startNanos, LongConsumer progress)
      throws InterruptedException {
    long next = 0;
    List<Long> sequences = new ArrayList<>(batch);
    while (System.nanoTime() < deadline && failure.get() == null) {
      sequences.clear();
      while (sequences.size() < batch && (options.count() == 0 || next < options.count())) {
        if ((next % options.groupCount()) % owners == owner) {
          sequences.add(next);
        }
        next++;
      }
      if (sequences.isEmpty()) {
        return null;
      }
      pace(sequences.get(0), startNanos);
      if (System.nanoTime() >= deadline) {
        return null;
      }
      var now = clock.instant();
      List<OutgoingMessage> out = new ArrayList<>(sequences.size());
      for (long sequence : sequences) {
        out.add(message(sequence, now));
      }
      sendRetrying(out);
      progress.accept(sent.addAndGet(out.size()));
    }
    return null;
  }

  /**
   * Sends one batch, trying again with back-off while the queue answers with a retryable failure,
   * for up to {@link ProducerOptions#giveUpAfter()}. A send that failed after the service took it
   * is sent again with the same keys: at least once, and a repeat overwrites its own row. Another
   * sender's failure stops the retries.
   */
  private void sendRetrying(List<OutgoingMessage> out) throws InterruptedException {
    Duration wait = SEND_RETRY_FIRST;
    long giveUpAt = clock.millis() + options.giveUpAfter().toMillis();
    inDoubt.addAndGet(out.size());
    for (int attempt = 1; ; attempt++) {
      try {
        queue.send(out);
        inDoubt.addAndGet(-out.size());
        return;
      } catch (RuntimeException e) {
        boolean retryable = e instanceof EdwException edw && edw.retryable();
        if (!retryable || clock.millis() >= giveUpAt || failure.get() != null) {
          failure.compareAndSet(null, e);
          throw e;
        }
        log.warn(
            "sending {} message(s) to {} failed (try {}), trying again in {} ms: {}",
            out.size(),
            queue.name(),
            attempt,
            wait.toMillis(),
            e.getMessage());
        TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        Duration doubled = wait.multipliedBy(2);
        wait = doubled.compareTo(SEND_RETRY_MAX) > 0 ? SEND_RETRY_MAX : doubled;
      }
    }
  }

  /** Creates the queue, retrying retryable failures as sends are retried. */
  private void createRetrying() throws InterruptedException {
    Duration wait = SEND_RETRY_FIRST;
    long giveUpAt = clock.millis() + options.giveUpAfter().toMillis();
    while (true) {
      try {
        queue.createIfMissing();
        return;
      } catch (EdwException e) {
        if (!e.retryable() || clock.millis() >= giveUpAt) {
          throw new ProduceFailedException(0, options.count(), 0, e);
        }
        log.warn(
            "creating {} failed, trying again in {} ms: {}",
            queue.name(),
            wait.toMillis(),
            e.getMessage());
        TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        Duration doubled = wait.multipliedBy(2);
        wait = doubled.compareTo(SEND_RETRY_MAX) > 0 ? SEND_RETRY_MAX : doubled;
      }
    }
  }

  private OutgoingMessage message(long sequence, java.time.Instant now) {
    String key = key(sequence);
    String body = messages.body(sequence, now, key);
    String group = options.groupCount() == 0 ? null : "group-" + (sequence % options.groupCount());
    return new OutgoingMessage(body, group, key, Duration.ZERO);
  }

  /** Waits until message {@code sequence} is due at the configured rate. */
  private void pace(long sequence, long startNanos) throws InterruptedException {
    if (options.rate() <= 0) {
      return;
    }
    long dueNanos = startNanos + (long) (sequence / options.rate() * 1e9);
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
