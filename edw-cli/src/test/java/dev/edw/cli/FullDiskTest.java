package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.testkit.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store on a small filesystem that fills up (a tmpfs the test mounts; skipped where it
 * cannot mount). A full disk is an outage: nothing is blamed on the messages, nothing is lost.
 */
@Tag("slow")
class FullDiskTest {
  /** The embedded store's disk reserve beside each file, in MiB (twice its WAL checkpoint). */
  private static final int RESERVE_MIB = 32;

  @TempDir Path dir;
  private final Backends backends = new Backends(new BackendContext(Map.of(), Clock.systemUTC()));

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, Map.of(), args);
  }

  private static String integrity(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet r = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      r.next();
      return r.getString(1);
    }
  }

  private static long count(Path log, String text) throws Exception {
    if (!Files.exists(log)) {
      return 0;
    }
    return Pattern.compile(Pattern.quote(text)).matcher(Files.readString(log)).results().count();
  }

  @Test
  void results_on_a_full_disk_are_retried_never_poisoned_and_all_written_once_space_is_freed()
      throws Exception {
    // room for the 30,000 results, their WAL and the store's disk reserve once space is freed
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("full"), RESERVE_MIB + 32)) {
      String queueUri = "sqlite:" + dir.resolve("queue.db") + "#orders";
      String tableUri = "sqlite:" + disk.dir().resolve("results.db") + "#results";
      assertThat(
              edw("produce", "--count", "30000", "--queue", queueUri, "--no-progress").exitCode())
          .isZero();
      Path log = dir.resolve("consume.log");
      Process consumer = null;
      // the test's handles stay open from before the disk fills: SQLite's WAL index needs room
      // to be made, not to be shared
      try (WorkQueue queue = backends.queue(queueUri);
          WorkQueue poison = backends.poisonQueue(queue);
          ResultTable table = backends.table(tableUri)) {
        table.createIfMissing();
        disk.fill();
        consumer =
            EdwProcess.start(
                dir,
                Map.of(),
                log,
                "consume",
                "--queue",
                queueUri,
                "--table",
                tableUri,
                "--retry-delay",
                "10ms",
                "--max-retry-delay",
                "100ms",
                "--metrics-port",
                "-1");
        // the writer has met the full disk again and again, each time with messages in hand
        await().atMost(Duration.ofSeconds(60)).until(() -> count(log, "disk full") >= 3);
        assertThat(poison.exists() ? poison.depth().total() : 0).as("poisoned").isZero();
        assertThat(table.count()).isZero();

        disk.free();

        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> table.count() == 30_000 && queue.depth().total() == 0);
        consumer.destroy();
        assertThat(consumer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(poison.exists() ? poison.depth().total() : 0).as("poisoned").isZero();
        assertThat(consumer.exitValue()).as(Files.readString(log)).isZero();
      } finally {
        if (consumer != null) {
          consumer.destroyForcibly();
        }
      }
      assertThat(integrity(disk.dir().resolve("results.db"))).isEqualTo("ok");
    }
  }

  @Test
  void produce_on_a_full_disk_stops_saying_exactly_how_many_it_sent_and_a_job_drains_them()
      throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("small"), RESERVE_MIB + 16)) {
      String queueUri = "sqlite:" + disk.dir().resolve("edw.db") + "#orders";
      String tableUri = "sqlite:" + dir.resolve("results.db") + "#results";

      EdwProcess.Result produced =
          edw(
              "produce",
              "--count",
              "200000",
              "--payload-bytes",
              "200",
              "--give-up-after",
              "2s",
              "--queue",
              queueUri,
              "--no-progress");

      assertThat(produced.exitCode()).as(produced.stderr()).isEqualTo(Main.EXIT_UNAVAILABLE);
      Matcher sent =
          Pattern.compile("stopped after (\\d+) of 200000 message\\(s\\) were sent")
              .matcher(produced.stderr());
      assertThat(sent.find()).as(produced.stderr()).isTrue();
      assertThat(produced.stderr()).contains("disk full");
      long count = Long.parseLong(sent.group(1));
      assertThat(count).isPositive();
      try (WorkQueue queue = backends.queue(queueUri)) {
        assertThat(queue.depth().visible()).isEqualTo(count);
      }

      EdwProcess.Result job =
          edw("job", "--queue", queueUri, "--table", tableUri, "--metrics-port", "-1");

      assertThat(job.exitCode()).as(job.stderr()).isZero();
      try (WorkQueue queue = backends.queue(queueUri);
          ResultTable table = backends.table(tableUri)) {
        assertThat(table.count()).isEqualTo(count);
        assertThat(queue.depth().total()).isZero();
      }
      assertThat(integrity(disk.dir().resolve("edw.db"))).isEqualTo("ok");
    }
  }
}
