package dev.edw.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadScheduleTest {
  @Test
  void a_thread_that_computes_shows_its_cpu_time_grow_on_the_same_os_thread() {
    assumeThat(Files.exists(Path.of("/proc/thread-self/schedstat"))).isTrue();
    ThreadSchedule before = ThreadSchedule.now();
    long sum = 0;
    ThreadSchedule after = before;
    for (int round = 0;
        round < 1_000 && after.onCpuNanos() - before.onCpuNanos() < 5_000_000;
        round++) {
      for (int i = 0; i < 1_000_000; i++) {
        sum += i ^ round;
      }
      after = ThreadSchedule.now();
    }

    assertThat(sum).isNotZero();
    assertThat(before.sameThread(after)).isTrue();
    assertThat(after.onCpuNanos() - before.onCpuNanos()).isGreaterThanOrEqualTo(5_000_000);
    assertThat(after.waitingNanos()).isGreaterThanOrEqualTo(before.waitingNanos());
  }

  @Test
  void readings_of_two_threads_are_not_taken_for_one() throws InterruptedException {
    assumeThat(Files.exists(Path.of("/proc/thread-self/schedstat"))).isTrue();
    ThreadSchedule here = ThreadSchedule.now();
    AtomicReference<ThreadSchedule> there = new AtomicReference<>();
    Thread other = Thread.ofPlatform().start(() -> there.set(ThreadSchedule.now()));
    other.join(10_000);

    assertThat(there.get()).isNotNull();
    assertThat(here.sameThread(there.get())).isFalse();
    assertThat(here.sameThread(null)).isFalse();
  }
}
