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
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends seed-format messages to a queue in batches from a few virtual threads, at an optional rate,
 * until a count or a duration is reached. Creates the queue if it is missing. With message groups,
 * each group is sent by one sender, in sequence order, so a FIFO queue keeps each group's messages
 * in the order of their sequence numbers.
 */
public final class Producer {
  private static final Logger log = LoggerFactory.getLogger(Producer.class);

  /**
   * Tries of one send that fails retryably (throttled, unreachable) before the producer gives up.
   */
  static final int SEND_ATTEMPTS = 8;

  static final Duration SEND_RETRY_FIRST = Duration.ofMillis(100);
  static final Duration SEND_RETRY_MAX = Duration.ofSeconds(5);

  private final WorkQueue queue;
  private final ProducerOptions options;
  private final Clock clock;
  private final SeedMessages messages;
  private final AtomicLong claimed = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();

  public Producer(WorkQueue queue, ProducerOptions options, Clock clock) {
    this.queue = queue;
    this.options = options;
    this.clock = clock;
    this.messages = new SeedMessages(options.payloadBytes());
  }

  public long sent() {
    return sent.get();
  }

  /**
   * Sends until done; {@code progress} is called with the running total after each batch.
   *
   * @return messages sent
   */
  public long run(LongConsumer progress) throws InterruptedException {
    queue.createIfMissing();
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
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
    return sent.get();
  }

  private Void send(int batch, long deadline, long startNanos, LongConsumer progress)
      throws InterruptedException {
    while (System.nanoTime() < deadline) {
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
    while (System.nanoTime() < deadline) {
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
   * Sends one batch, trying again with back-off while the queue answers with a retryable failure
   * (about 15 s in all). A send that failed after the service took it is sent again: at least once.
   */
  private void sendRetrying(List<OutgoingMessage> out) throws InterruptedException {
    Duration wait = SEND_RETRY_FIRST;
    for (int attempt = 1; ; attempt++) {
      try {
        queue.send(out);
        return;
      } catch (EdwException e) {
        if (!e.retryable() || attempt >= SEND_ATTEMPTS) {
          throw e;
        }
        log.warn(
            "sending {} message(s) to {} failed (try {} of {}), trying again in {} ms: {}",
            out.size(),
            queue.name(),
            attempt,
            SEND_ATTEMPTS,
            wait.toMillis(),
            e.getMessage());
        TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        Duration doubled = wait.multipliedBy(2);
        wait = doubled.compareTo(SEND_RETRY_MAX) > 0 ? SEND_RETRY_MAX : doubled;
      }
    }
  }

  private OutgoingMessage message(long sequence, java.time.Instant now) {
    String body = messages.body(sequence, now);
    if (options.groupCount() == 0) {
      return OutgoingMessage.of(body);
    }
    String group = "group-" + (sequence % options.groupCount());
    return new OutgoingMessage(body, group, null, Duration.ZERO);
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
