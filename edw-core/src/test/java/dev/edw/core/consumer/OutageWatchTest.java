package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutageWatchTest {
  private final ManualClock clock = new ManualClock();
  private final AtomicInteger outages = new AtomicInteger();
  private final AtomicInteger delegated = new AtomicInteger();
  private final WorkerListener delegate =
      new WorkerListener() {
        @Override
        public void loopError(String loop, Throwable error) {
          delegated.incrementAndGet();
        }
      };
  private final OutageWatch watch =
      new OutageWatch(delegate, Duration.ofSeconds(60), clock, outages::incrementAndGet);

  @Test
  void receives_failing_for_longer_than_the_bound_trip_the_watch_once() {
    RuntimeException down = new RuntimeException("connection refused");

    watch.loopError("poll", down);
    clock.advance(Duration.ofSeconds(61));
    watch.loopError("poll", down);
    clock.advance(Duration.ofSeconds(30));
    watch.loopError("poll", down);

    assertThat(outages).hasValue(1);
    assertThat(watch.tripped()).isTrue();
    assertThat(watch.lastError()).isSameAs(down);
    assertThat(delegated).hasValue(3);
  }

  @Test
  void a_successful_receive_in_between_restarts_the_count() {
    watch.loopError("poll", new RuntimeException("blip"));
    clock.advance(Duration.ofSeconds(50));
    watch.polled(0);
    clock.advance(Duration.ofSeconds(20));

    watch.loopError("poll", new RuntimeException("blip"));
    clock.advance(Duration.ofSeconds(50));
    watch.loopError("poll", new RuntimeException("blip"));

    assertThat(outages).hasValue(0);
    assertThat(watch.tripped()).isFalse();
  }

  @Test
  void errors_of_other_loops_do_not_count_as_an_outage() {
    watch.loopError("write", new RuntimeException("table down"));
    clock.advance(Duration.ofMinutes(5));

    watch.loopError("write", new RuntimeException("table down"));

    assertThat(outages).hasValue(0);
  }
}
