package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelCallsTest {

  @Test
  void results_come_back_in_the_items_order() {
    List<Integer> items = IntStream.range(0, 200).boxed().toList();

    List<Integer> doubled = ParallelCalls.map(items, i -> i * 2);

    assertThat(doubled).isEqualTo(items.stream().map(i -> i * 2).toList());
  }

  @Test
  void calls_overlap_up_to_the_limit_and_never_beyond() {
    CountDownLatch allIn = new CountDownLatch(ParallelCalls.MAX_IN_FLIGHT);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> items = IntStream.range(0, ParallelCalls.MAX_IN_FLIGHT * 3).boxed().toList();

    ParallelCalls.map(
        items,
        i -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          allIn.countDown();
          try {
            // Only returns once the limit's worth of calls run at the same time.
            assertThat(allIn.await(10, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
          return i;
        });

    assertThat(most.get()).isEqualTo(ParallelCalls.MAX_IN_FLIGHT);
  }

  @Test
  void every_call_runs_and_then_the_first_failure_in_order_is_thrown() {
    AtomicInteger ran = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 50).boxed().toList();

    assertThatThrownBy(
            () ->
                ParallelCalls.map(
                    items,
                    i -> {
                      ran.incrementAndGet();
                      if (i == 7 || i == 30) {
                        throw new IllegalStateException("item " + i);
                      }
                      return i;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("item 7");
    assertThat(ran).hasValue(50);
  }
}
