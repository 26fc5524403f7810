package dev.edw.core.consumer;

import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller's tick: receives as many messages as the {@link Capacity} allows, once a useful batch
 * fits; waits for permits otherwise. On an empty queue it long-polls next time (or, where the
 * backend returns sooner, waits out the rest), backing off up to {@code maxIdlePoll}. Not
 * thread-safe: one poller thread calls {@link #tick()}.
 */
final class Poller {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final WorkQueue queue;
  private final ConsumerOptions options;
  private final Capacity capacity;
  private final WorkerListener listener;
  private final Consumer<List<ReceivedMessage>> accept;
  private final Runnable stop;
  private final Backoff idle;
  private Duration wait = Duration.ZERO;

  /**
   * @param accept takes the received messages (their permits are already acquired)
   * @param stop called when the worker should stop: an empty queue with {@code untilEmpty}, or the
   *     message limit reached
   */
  Poller(
      WorkQueue queue,
      ConsumerOptions options,
      Capacity capacity,
      WorkerListener listener,
      Consumer<List<ReceivedMessage>> accept,
      Runnable stop) {
    this.queue = queue;
    this.options = options;
    this.capacity = capacity;
    this.listener = listener;
    this.accept = accept;
    this.stop = stop;
    this.idle = new Backoff(Duration.ofMillis(10), options.maxIdlePoll());
  }

  void tick() throws InterruptedException {
    if (capacity.limitReached()) {
      stop.run();
      return;
    }
    int maxBatch = queue.limits().maxReceiveBatch();
    int budget = capacity.budget();
    if (budget <= 0 || budget < capacity.lowWater(maxBatch)) {
      capacity.awaitChange(options.maxIdlePoll());
      return;
    }
    int max = Math.min(budget, maxBatch);
    long polledAt = System.nanoTime();
    List<ReceivedMessage> messages = queue.receive(max, options.visibility(), wait);
    listener.polled(messages.size());
    if (messages.isEmpty()) {
      if (options.untilEmpty() && capacity.held() == 0 && queue.depth().isEmpty()) {
        log.info("{} is empty and nothing is in flight: stopping", queue.name());
        stop.run();
        return;
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - polledAt);
      if (waited.compareTo(wait) < 0) {
        capacity.awaitChange(wait.minus(waited));
      }
      wait = idle.next();
      return;
    }
    idle.reset();
    wait = Duration.ZERO;
    capacity.acquire(messages.size());
    listener.received(messages.size());
    accept.accept(messages);
  }
}
