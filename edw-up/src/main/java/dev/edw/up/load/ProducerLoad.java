package dev.edw.up.load;

import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.producer.SeedMessages;
import dev.edw.scaling.load.LoadProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends seed-format messages at a rate that changes over time (a load profile): every step it sends
 * what the integral of the rate says is due, so the count follows the profile however the steps
 * fall. Stops after the duration. One thread; a failed send is logged, counted and retried on the
 * next step, so nothing the profile asked for is skipped.
 */
public final class ProducerLoad {
  private static final Logger log = LoggerFactory.getLogger(ProducerLoad.class);
  static final Duration STEP = Duration.ofMillis(50);

  /** Slack for the sum of many small integrals, so that 9.9999999 messages count as 10. */
  private static final double ROUNDING = 1e-6;

  private final WorkQueue queue;
  private final LoadProfile profile;
  private final Duration duration;
  private final Clock clock;
  private final SeedMessages messages = new SeedMessages(0);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean done;
  private double due;

  public ProducerLoad(WorkQueue queue, LoadProfile profile, Duration duration, Clock clock) {
    this.queue = queue;
    this.profile = profile;
    this.duration = duration;
    this.clock = clock;
  }

  public long sent() {
    return sent.get();
  }

  public long errors() {
    return errors.get();
  }

  /** Whether it sent all the profile asked for (or was stopped). */
  public boolean done() {
    return done;
  }

  /** Starts sending; the profile's t = 0 is now. */
  public Thread start() {
    Instant start = clock.instant();
    return Thread.ofVirtual().name("edw-up-producer").start(() -> run(start));
  }

  public void stop() {
    stopped.countDown();
  }

  private void run(Instant start) {
    double last = 0;
    double end = duration.toMillis() / 1000.0;
    while (true) {
      double t = Math.min(end, Duration.between(start, clock.instant()).toMillis() / 1000.0);
      due += profile.messagesBetween(last, t);
      last = t;
      try {
        sendDue();
      } catch (Throwable e) {
        errors.incrementAndGet();
        log.warn("producer: send to {} failed, retrying: {}", queue.uri(), e.toString());
      }
      if (t >= end && sent.get() >= (long) Math.floor(due + ROUNDING)) {
        break;
      }
      try {
        if (stopped.await(STEP.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    done = true;
    log.info("producer: sent {} message(s) to {}", sent.get(), queue.uri());
  }

  private void sendDue() {
    int batchMax = queue.limits().maxSendBatch();
    long target = (long) Math.floor(due + ROUNDING);
    while (sent.get() < target) {
      int n = (int) Math.min(batchMax, target - sent.get());
      List<OutgoingMessage> batch = new ArrayList<>(n);
      Instant now = clock.instant();
      for (int i = 0; i < n; i++) {
        batch.add(OutgoingMessage.of(messages.body(sent.get() + i, now)));
      }
      queue.send(batch);
      sent.addAndGet(n);
    }
  }
}
