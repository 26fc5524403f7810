package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edw.api.queue.ReceivedMessage;
import dev.edw.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The processing workers alone: isolation, resizing, timeouts and replacement. */
class WorkerPoolTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final ManualClock clock = new ManualClock();
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private WorkerPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.stop();
    }
  }

  private static InFlight message(String id) {
    return new InFlight(new ReceivedMessage(id, "{}", 1, null, null, null), 0);
  }

  private WorkerPool pool(int size, WorkerPool.Handler handler, WorkerPool.Failure failure) {
    pool = new WorkerPool("orders", size, TIMEOUT, clock, handler, failure, () -> {});
    pool.start();
    return pool;
  }

  @Test
  void a_worker_survives_handlers_and_failure_paths_that_throw() {
    // the dying-worker defect: concurrency 1, 5 messages, and the first three blow up in turn
    pool(
        1,
        f -> {
          handled.add(f.message.id());
          switch (f.message.id()) {
            case "m1" -> throw new IllegalStateException("processor bug");
            case "m2" -> throw new AssertionError("an Error, not an Exception");
            case "m3" -> throw new UnsupportedOperationException("failure path breaks too");
            default -> {}
          }
        },
        (f, cause) -> {
          failures.add(f.message.id() + ":" + cause.getClass().getSimpleName());
          if (f.message.id().equals("m3")) {
            throw new NullPointerException("an acknowledger bug");
          }
        });

    for (int i = 1; i <= 5; i++) {
      pool.submit(message("m" + i));
    }

    await().atMost(BOUND).until(() -> handled.size() == 5);
    assertThat(handled).containsExactly("m1", "m2", "m3", "m4", "m5");
    assertThat(failures)
        .containsExactly(
            "m1:IllegalStateException", "m2:AssertionError", "m3:UnsupportedOperationException");
    assertThat(pool.live()).isEqualTo(1);
  }

  @Test
  void the_idle_callback_runs_once_the_last_running_and_waiting_message_is_done() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> handledWhenIdle = new CopyOnWriteArrayList<>();
    pool =
        new WorkerPool(
            "orders",
            2,
            TIMEOUT,
            clock,
            f -> {
              if (f.message.id().equals("m1")) {
                release.await();
              }
              handled.add(f.message.id());
            },
            (f, cause) -> failures.add(f.message.id()),
            () -> handledWhenIdle.add(handled.size()));
    pool.start();
    pool.submit(message("m1"));
    pool.submit(message("m2"));
    pool.submit(message("m3"));
    await().atMost(BOUND).until(() -> handled.size() == 2); // m2 and m3, m1 still running

    boolean idleWhileOneRuns = !handledWhenIdle.isEmpty();
    release.countDown();

    await().atMost(BOUND).until(() -> !handledWhenIdle.isEmpty());
    assertThat(idleWhileOneRuns).isFalse();
    assertThat(handledWhenIdle).containsExactly(3);
  }

  @Test
  void resize_grows_and_shrinks_the_live_workers() {
    CountDownLatch release = new CountDownLatch(1);
    pool(2, f -> release.await(BOUND.toSeconds(), TimeUnit.SECONDS), (f, c) -> {});

    pool.resize(6);
    int grown = pool.live();
    pool.resize(1);

    assertThat(grown).isEqualTo(6);
    await().atMost(BOUND).until(() -> pool.live() == 1);
    release.countDown();
  }

  @Test
  void an_attempt_past_the_processing_timeout_fails_and_its_worker_is_interrupted()
      throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    pool(
        1,
        f -> {
          started.countDown();
          try {
            never.await();
          } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
          }
        },
        (f, cause) -> failures.add(f.message.id() + ":" + cause.getMessage()));
    pool.submit(message("slow"));
    assertThat(started.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

    int early = pool.check();
    clock.advance(TIMEOUT);
    int due = pool.check();

    assertThat(early).isZero();
    assertThat(due).isEqualTo(1);
    await().atMost(BOUND).untilTrue(interrupted);
    assertThat(failures)
        .hasSize(1)
        .allMatch(f -> f.startsWith("slow:processing took longer than the processing timeout"));
    assertThat(failures.get(0)).contains("5m").contains("--processing-timeout");
    assertThat(pool.live()).isEqualTo(1);
  }

  @Test
  void a_worker_that_ignores_its_interrupt_is_replaced_so_others_still_run() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    pool(
        1,
        f -> {
          handled.add(f.message.id());
          if (f.message.id().equals("hang")) {
            started.countDown();
            while (stuck.getCount() > 0) {
              try {
                stuck.await();
              } catch (InterruptedException ignored) {
                // a processor that swallows interrupts
              }
            }
          }
        },
        (f, cause) -> failures.add(f.message.id()));
    pool.submit(message("hang"));
    assertThat(started.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

    clock.advance(TIMEOUT);
    pool.check();
    clock.advance(WorkerPool.STUCK_GRACE);
    pool.check();
    pool.submit(message("next"));

    await().atMost(BOUND).until(() -> handled.contains("next"));
    assertThat(failures).containsExactly("hang");
    assertThat(pool.live()).isEqualTo(1);
    stuck.countDown();
  }
}
