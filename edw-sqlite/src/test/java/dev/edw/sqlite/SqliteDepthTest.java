package dev.edw.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.WorkQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gauge's depth ({@link WorkQueue#depth(Duration)}) is one count shared by every process of the
 * file for up to its max age; {@link WorkQueue#depth()} always counts.
 */
class SqliteDepthTest {
  private static final SqliteBackendProvider PROVIDER = new SqliteBackendProvider();
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration MAX_AGE = Duration.ofSeconds(5);

  @TempDir Path dir;

  /** The queue as a process whose clock reads {@code at} sees it. */
  private WorkQueue queueAt(Instant at) {
    return PROVIDER.openQueue(
        ResourceUri.parse("sqlite:" + dir.resolve("d.db") + "#jobs"),
        new BackendContext(Map.of(), Clock.fixed(at, ZoneOffset.UTC)));
  }

  private static void send(WorkQueue queue, int count) {
    queue.send(IntStream.range(0, count).mapToObj(i -> OutgoingMessage.of("m" + i)).toList());
  }

  @Test
  void a_count_younger_than_the_max_age_is_shared_and_an_older_one_is_counted_again() {
    try (WorkQueue first = queueAt(T);
        WorkQueue soonAfter = queueAt(T.plusMillis(4_999));
        WorkQueue later = queueAt(T.plus(MAX_AGE))) {
      first.createIfMissing();
      send(first, 3);
      assertThat(first.depth(MAX_AGE).visible()).isEqualTo(3);

      send(first, 2);

      assertThat(soonAfter.depth(MAX_AGE).visible()).as("the shared count").isEqualTo(3);
      assertThat(soonAfter.depth().visible()).as("a count of its own").isEqualTo(5);
      assertThat(later.depth(MAX_AGE).visible()).as("counted again").isEqualTo(5);
      assertThat(soonAfter.depth(MAX_AGE).visible()).as("the newer count, shared").isEqualTo(5);
    }
  }

  @Test
  void a_count_from_a_clock_ahead_of_ours_is_not_trusted() {
    try (WorkQueue ahead = queueAt(T.plusSeconds(60));
        WorkQueue behind = queueAt(T)) {
      ahead.createIfMissing();
      send(ahead, 1);
      assertThat(ahead.depth(MAX_AGE).total()).isEqualTo(1);
      send(ahead, 1);

      QueueDepth depth = behind.depth(MAX_AGE);

      // counted afresh (2, not the shared 1); from this clock the messages are not yet visible
      assertThat(List.of(depth.total(), depth.delayed())).containsExactly(2L, 2L);
    }
  }
}
