package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrefetchWindowTest {
  private final ManualClock clock = new ManualClock();
  private final AtomicLong completed = new AtomicLong();

  private PrefetchWindow window(int floor, int ceiling) {
    return new PrefetchWindow(floor, ceiling, completed::get, clock);
  }

  /** Completes {@code count} messages over one sample, then reads the window. */
  private int after(PrefetchWindow window, long count) {
    completed.addAndGet(count);
    clock.advance(PrefetchWindow.SAMPLE);
    return window.size();
  }

  @Test
  void it_starts_at_the_configured_prefetch() {
    assertThat(window(256, 1_000).size()).isEqualTo(256);
  }

  @Test
  void fast_completions_grow_it_to_about_a_horizon_of_work_and_no_further_than_the_ceiling() {
    PrefetchWindow window = window(256, 1_000);
    window.size();

    // 5,000 a second: 100 ms of work is 500 messages
    int moderate = after(window, 500);
    // 50,000 a second: 5,000 messages, capped
    int fast = after(window, 5_000);

    assertThat(moderate).isEqualTo(500);
    assertThat(fast).isEqualTo(1_000);
  }

  @Test
  void slow_completions_keep_it_at_the_configured_prefetch_so_a_replica_does_not_hoard() {
    PrefetchWindow window = window(256, 1_000);
    window.size();

    after(window, 5_000);
    // 64 a second, an image resize per worker per second: 6 messages of work, so the floor
    int slow = after(window, 6);

    assertThat(slow).isEqualTo(256);
  }

  @Test
  void it_is_measured_over_a_whole_sample_not_between_close_calls() {
    PrefetchWindow window = window(0, 1_000);
    window.size();

    completed.addAndGet(10_000);
    clock.advance(PrefetchWindow.SAMPLE.minusMillis(1));
    int early = window.size();
    clock.advance(Duration.ofMillis(1));
    int onTime = window.size();

    assertThat(early).isZero();
    assertThat(onTime).isEqualTo(1_000);
  }

  @Test
  void a_ceiling_at_or_below_the_prefetch_keeps_it_fixed() {
    PrefetchWindow window = window(10, 0);
    window.size();

    assertThat(after(window, 100_000)).isEqualTo(10);
  }

  @Test
  void a_capacity_with_a_window_gives_the_poller_more_room_once_messages_finish_fast() {
    Capacity capacity = new Capacity(64, 256, 1_000, 0, clock);
    int before = capacity.budget();
    // four full windows done in one sample: 12,800 messages a second
    for (int i = 0; i < 4; i++) {
      capacity.acquire(capacity.budget());
      capacity.release(320, true);
    }
    clock.advance(PrefetchWindow.SAMPLE);

    assertThat(before).isEqualTo(64 + 256);
    assertThat(capacity.budget()).isEqualTo(64 + 1_000);
  }
}
