package dev.edw.up.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.scaling.load.LoadProfile;
import dev.edw.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerLoadTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void sends_what_the_profile_integrates_to_and_stops_at_the_duration() throws Exception {
    Backends backends =
        new Backends(
            new BackendContext(Map.of("EDW_STORE", "sqlite:" + dir.resolve("e.db")), clock));
    try (WorkQueue queue = backends.queue("q")) {
      queue.createIfMissing();
      // 10 msgs/s from t = 1 to t = 3, nothing before or after
      LoadProfile burst = new LoadProfile(LoadProfile.Kind.BURST, 10, 0, 1, 2, 0);
      ProducerLoad load = new ProducerLoad(queue, burst, Duration.ofSeconds(5), clock);
      Thread sender = load.start();

      clock.advanceSeconds(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() == 0 && sender.isAlive());
      clock.advanceSeconds(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() == 10);
      assertThat(load.done()).isFalse();
      clock.advanceSeconds(4);
      await().atMost(Duration.ofSeconds(30)).until(load::done);

      assertThat(load.sent()).isEqualTo(20);
      assertThat(queue.depth().visible()).isEqualTo(20);
      assertThat(load.errors()).isZero();
      sender.join(Duration.ofSeconds(30));
      assertThat(sender.isAlive()).isFalse();
    }
  }
}
