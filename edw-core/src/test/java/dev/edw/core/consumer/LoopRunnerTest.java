package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.edw.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The loop runner on a manual clock, with a waiter that records instead of sleeping. */
class LoopRunnerTest {
  private final ManualClock clock = new ManualClock();
  private final List<Duration> waits = new ArrayList<>();
  private final List<String> loopErrors = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger runnerLog = (Logger) LoggerFactory.getLogger(LoopRunner.class);
  private final WorkerListener listener =
      new WorkerListener() {
        @Override
        public void loopError(String loop, Throwable error) {
          loopErrors.add(loop + ":" + error.getClass().getSimpleName());
        }
      };

  @BeforeEach
  void captureLogs() {
    logs.start();
    runnerLog.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    runnerLog.detachAppender(logs);
  }

  private LoopRunner runner(String loop, LoopRunner.Tick tick) {
    return new LoopRunner(
        loop, "orders", Duration.ofSeconds(1), () -> true, tick, waits::add, clock, listener);
  }

  @Test
  void a_failing_tick_is_counted_and_followed_by_a_growing_back_off() {
    LoopRunner lease =
        runner(
            "lease",
            () -> {
              throw new NullPointerException("an SDK returned null");
            });

    for (int i = 0; i < 5; i++) {
      assertThat(lease.runOnce()).isTrue();
    }

    assertThat(loopErrors).hasSize(5).allMatch(e -> e.equals("lease:NullPointerException"));
    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800));
  }

  @Test
  void a_success_resets_the_back_off_and_records_the_completed_tick() {
    AtomicInteger calls = new AtomicInteger();
    LoopRunner write =
        runner(
            "write",
            () -> {
              if (calls.incrementAndGet() != 3) {
                throw new IllegalStateException("no");
              }
            });

    write.runOnce();
    write.runOnce();
    clock.advance(Duration.ofSeconds(2));
    write.runOnce();
    long tickedAt = clock.millis();
    write.runOnce();

    assertThat(waits)
        .containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(50));
    assertThat(write.lastTickMillis()).isEqualTo(tickedAt);
  }

  @Test
  void errors_are_caught_too_and_an_interrupt_ends_the_loop() {
    LoopRunner poll =
        runner(
            "poll",
            () -> {
              throw new StackOverflowError();
            });
    LoopRunner interrupted =
        runner(
            "poll",
            () -> {
              throw new InterruptedException();
            });

    boolean afterError = poll.runOnce();
    boolean afterInterrupt = interrupted.runOnce();
    boolean flagKept = Thread.interrupted();

    assertThat(afterError).isTrue();
    assertThat(afterInterrupt).isFalse();
    assertThat(flagKept).isTrue();
    assertThat(loopErrors).containsExactly("poll:StackOverflowError");
  }

  @Test
  void a_loop_failing_thousands_of_times_logs_one_line_per_period_with_the_queue_name() {
    LoopRunner lease =
        runner(
            "lease",
            () -> {
              throw new NullPointerException();
            });

    for (int i = 0; i < 2_000; i++) {
      lease.runOnce();
    }
    clock.advance(LoopRunner.LOG_EVERY);
    lease.runOnce();

    List<String> lines =
        logs.list.stream()
            .filter(e -> e.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(loopErrors).hasSize(2_001);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("the lease loop of orders failed");
    assertThat(lines.get(1)).endsWith("(and 1999 more like it)");
  }

  @Test
  void a_loop_that_stops_completing_ticks_is_stalled_after_a_few_intervals() {
    AtomicInteger calls = new AtomicInteger();
    LoopRunner poll =
        runner(
            "poll",
            () -> {
              if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("down");
              }
            });

    poll.runOnce();
    boolean freshAfterTick = !poll.stalled(clock.millis());
    clock.advance(LoopRunner.MIN_STALL);
    poll.runOnce();
    boolean atBound = poll.stalled(clock.millis());
    clock.advance(Duration.ofMillis(1));

    assertThat(freshAfterTick).isTrue();
    assertThat(atBound).isFalse();
    assertThat(poll.stalled(clock.millis())).isTrue();
  }

  @Test
  void a_throwing_listener_cannot_break_the_loop() {
    LoopRunner lease =
        new LoopRunner(
            "lease",
            "orders",
            Duration.ofSeconds(1),
            () -> true,
            () -> {
              throw new IllegalStateException("down");
            },
            waits::add,
            clock,
            new SafeListener(
                new WorkerListener() {
                  @Override
                  public void loopError(String loop, Throwable error) {
                    throw new IllegalStateException("metrics are broken");
                  }
                },
                clock));

    assertThat(lease.runOnce()).isTrue();
    assertThat(lease.runOnce()).isTrue();
    assertThat(waits).hasSize(2);
  }
}
