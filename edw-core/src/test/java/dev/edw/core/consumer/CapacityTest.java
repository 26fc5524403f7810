package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CapacityTest {

  @Test
  void the_budget_is_concurrency_plus_prefetch_less_what_is_held() {
    Capacity capacity = new Capacity(4, 6, 0);

    int empty = capacity.budget();
    capacity.acquire(7);
    int afterReceive = capacity.budget();
    capacity.release(1, true);
    capacity.release(1, false);

    assertThat(empty).isEqualTo(10);
    assertThat(afterReceive).isEqualTo(3);
    assertThat(capacity.budget()).isEqualTo(5);
    assertThat(capacity.held()).isEqualTo(5);
    assertThat(capacity.completed()).isEqualTo(1);
  }

  @Test
  void a_written_batch_gives_all_its_permits_back_at_once_and_wakes_the_poller() throws Exception {
    Capacity capacity = new Capacity(4, 6, 0);
    capacity.acquire(7);
    CountDownLatch woken = new CountDownLatch(1);
    Thread poller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    capacity.awaitChange(Duration.ofMinutes(1));
                    woken.countDown();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });

    int left = capacity.release(5, true);

    assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
    poller.join();
    assertThat(left).isEqualTo(2);
    assertThat(capacity.held()).isEqualTo(2);
    assertThat(capacity.completed()).isEqualTo(5);
    assertThat(capacity.budget()).isEqualTo(8);
  }

  @Test
  void a_message_limit_caps_the_budget_and_queries_have_no_side_effects() {
    Capacity capacity = new Capacity(8, 8, 3);
    capacity.acquire(3);

    int budgetWhileHeld = capacity.budget();
    boolean reachedWhileHeld = capacity.limitReached();
    capacity.release(1, true);
    capacity.release(1, true);
    capacity.release(1, true);

    assertThat(budgetWhileHeld).isZero();
    assertThat(reachedWhileHeld).isFalse();
    for (int i = 0; i < 3; i++) {
      assertThat(capacity.budget()).isZero();
      assertThat(capacity.limitReached()).isTrue();
    }
    assertThat(capacity.held()).isZero();
    assertThat(capacity.lowWater(10)).isEqualTo(1);
  }

  @Test
  void resize_changes_the_budget_at_once_and_refuses_below_one() {
    Capacity capacity = new Capacity(2, 0, 0);
    capacity.acquire(2);

    capacity.resize(5);

    assertThat(capacity.budget()).isEqualTo(3);
    assertThat(capacity.concurrency()).isEqualTo(5);
    assertThatThrownBy(() -> capacity.resize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(capacity.concurrency()).isEqualTo(5);
  }

  @Test
  void the_low_water_mark_is_a_quarter_of_the_capacity_at_most_one_receive() {
    assertThat(new Capacity(64, 256, 0).lowWater(32)).isEqualTo(32);
    assertThat(new Capacity(4, 4, 0).lowWater(32)).isEqualTo(2);
    assertThat(new Capacity(1, 0, 0).lowWater(32)).isEqualTo(1);
  }

  @Test
  void drain_waits_until_nothing_is_held_or_its_deadline() throws Exception {
    Capacity capacity = new Capacity(2, 0, 0);
    capacity.acquire(1);

    boolean drainedWhileHeld = capacity.awaitDrained(System.nanoTime());
    Thread.ofVirtual().start(() -> capacity.release(1, true));
    boolean drained = capacity.awaitDrained(System.nanoTime() + Duration.ofSeconds(10).toNanos());

    assertThat(drainedWhileHeld).isFalse();
    assertThat(drained).isTrue();
  }
}
