package dev.edw.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.testkit.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;

/**
 * What goes wrong with the machine is an outage, never a bad request: a full disk, a read-only
 * filesystem, a lock held past the busy timeout, an I/O error. Each is a retryable {@link
 * BackendUnavailableException}, so the runtime backs off instead of blaming (and poisoning) the
 * message; and the store works again once the cause is gone.
 */
class SqliteOutageTest {
  private static final SqliteBackendProvider PROVIDER = new SqliteBackendProvider();

  /** The disk reserve, in whole MiB rounded up: the filesystems below are sized around it. */
  private static final int RESERVE_MIB = (DiskReserve.BYTES + (1 << 20) - 1) >> 20;

  @TempDir Path dir;

  private static ResourceUri uri(Path file, String name) {
    return ResourceUri.parse("sqlite:" + file + "#" + name);
  }

  private static List<Entity> rows(int from, int count) {
    return IntStream.range(from, from + count)
        .mapToObj(i -> new Entity("p" + i, "r", Map.of("data", "x".repeat(1_000))))
        .toList();
  }

  private static String integrity(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      return r.getString(1);
    }
  }

  @Test
  void a_full_disk_is_a_retryable_outage_for_table_queue_and_blobs_and_passes_once_space_is_freed()
      throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("small"), 2)) {
      Path file = disk.dir().resolve("results.db");
      try (ResultTable table = PROVIDER.openTable(uri(file, "results"), BackendContext.system());
          WorkQueue queue = PROVIDER.openQueue(uri(file, "orders"), BackendContext.system());
          BlobStore blobs = PROVIDER.openBlobStore(uri(file, "images"), BackendContext.system())) {
        table.createIfMissing();
        queue.createIfMissing();
        blobs.createIfMissing();
        table.upsert(rows(0, 10));
        disk.fill();

        assertThatThrownBy(() -> table.upsert(rows(10, 3_000)))
            .isInstanceOf(BackendUnavailableException.class)
            .hasMessageContaining("disk full; will retry");
        assertThatThrownBy(
                () ->
                    queue.send(
                        IntStream.range(0, 3_000)
                            .mapToObj(i -> OutgoingMessage.of("y".repeat(1_000)))
                            .toList()))
            .isInstanceOf(BackendUnavailableException.class)
            .hasMessageContaining("disk full");
        assertThatThrownBy(() -> blobs.put("big.bin", new byte[3 << 20]))
            .isInstanceOf(BackendUnavailableException.class)
            .hasMessageContaining("disk full");

        disk.free();
        table.upsert(rows(10, 100));
        assertThat(table.count()).isEqualTo(110);
      }
      assertThat(integrity(file)).isEqualTo("ok");
    }
  }

  /**
   * The worst state a producer can leave behind: a WAL of more than the store's auto-checkpoint
   * threshold ({@link WalCheckpoint}) that is all new to the database, on a disk with no byte left.
   * (A reader holding its snapshot keeps the checkpoint from copying any of it in while it is
   * sent.) Draining must still reach the last message: the checkpoint that makes room needs to grow
   * the database by the whole WAL before the drain's first write adds to it.
   */
  @Test
  void a_queue_that_filled_its_disk_drains_to_the_end_from_the_fullest_wal() throws Exception {
    // the reserve, the WAL a tenth over the threshold, and a little room
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("small"), RESERVE_MIB + 24)) {
      Path file = disk.dir().resolve("edw.db");
      Path wal = disk.dir().resolve("edw.db-wal");
      long sent = 0;
      try (WorkQueue queue = PROVIDER.openQueue(uri(file, "orders"), BackendContext.system())) {
        queue.createIfMissing();
        List<OutgoingMessage> batch =
            IntStream.range(0, 500).mapToObj(i -> OutgoingMessage.of("m".repeat(300))).toList();
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
            Statement s = reader.createStatement()) {
          s.execute("BEGIN");
          s.executeQuery("SELECT count(*) FROM edw_catalog").close();
          while (Files.size(wal) < WalCheckpoint.BYTES * 11 / 10) {
            sent += queue.send(batch).size();
          }
          s.execute("COMMIT");
        }
        disk.fill();
        assertThatThrownBy(() -> queue.send(batch))
            .isInstanceOf(BackendUnavailableException.class)
            .hasMessageContaining("disk full");
      }
      long drained = 0;
      try (WorkQueue queue = PROVIDER.openQueue(uri(file, "orders"), BackendContext.system())) {
        List<ReceivedMessage> leased;
        while (!(leased = queue.receive(1_000, Duration.ofMinutes(5), Duration.ZERO)).isEmpty()) {
          List<ReceiptResult> deleted =
              queue.delete(leased.stream().map(ReceivedMessage::receipt).toList());
          assertThat(deleted).allMatch(ReceiptResult::succeeded);
          drained += leased.size();
        }
        assertThat(queue.depth().total()).isZero();
      }
      assertThat(drained).isEqualTo(sent);
      assertThat(integrity(file)).isEqualTo("ok");
    }
  }

  @Test
  void results_and_deletes_in_the_queues_file_drain_a_full_disk_to_the_end() throws Exception {
    // the reserve, and as much again for the messages
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("small"), 2 * RESERVE_MIB)) {
      Path file = disk.dir().resolve("edw.db");
      long sent = 0;
      try (WorkQueue queue = PROVIDER.openQueue(uri(file, "orders"), BackendContext.system());
          ResultTable table = PROVIDER.openTable(uri(file, "results"), BackendContext.system())) {
        queue.createIfMissing();
        table.createIfMissing();
        List<OutgoingMessage> batch =
            IntStream.range(0, 500).mapToObj(i -> OutgoingMessage.of("m".repeat(300))).toList();
        while (true) {
          try {
            sent += queue.send(batch).size();
          } catch (BackendUnavailableException full) {
            break;
          }
        }
        disk.fill();
      }
      try (WorkQueue queue = PROVIDER.openQueue(uri(file, "orders"), BackendContext.system());
          ResultTable table = PROVIDER.openTable(uri(file, "results"), BackendContext.system())) {
        var completion = table.atomicCompletion(queue).orElseThrow();
        List<ReceivedMessage> leased;
        while (!(leased = queue.receive(500, Duration.ofMinutes(5), Duration.ZERO)).isEmpty()) {
          List<Entity> rows =
              leased.stream()
                  .map(m -> new Entity("p", m.id(), Map.of("result", "r".repeat(150))))
                  .toList();
          assertThat(
                  completion.upsertAndDelete(
                      rows, leased.stream().map(ReceivedMessage::receipt).toList()))
              .allMatch(ReceiptResult::succeeded);
        }
        assertThat(queue.depth().total()).isZero();
        assertThat(table.count()).isEqualTo(sent);
      }
      assertThat(integrity(file)).isEqualTo("ok");
    }
  }

  @Test
  void a_read_only_database_file_is_a_retryable_outage() throws Exception {
    Path file = dir.resolve("data").resolve("results.db");
    try (ResultTable table = PROVIDER.openTable(uri(file, "results"), BackendContext.system())) {
      table.createIfMissing();
      table.upsert(rows(0, 10));
    }
    try (Tmpfs view = Tmpfs.readOnlyView(dir.resolve("data"), dir.resolve("ro"))) {
      Path readOnly = view.dir().resolve("results.db");

      assertThatThrownBy(
              () -> {
                try (ResultTable table =
                    PROVIDER.openTable(uri(readOnly, "results"), BackendContext.system())) {
                  table.upsert(rows(10, 5));
                }
              })
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("will retry")
          .satisfies(e -> assertThat(((EdwException) e).retryable()).isTrue());
    }
  }

  @Test
  void a_lock_held_past_the_busy_timeout_is_a_retryable_outage() throws Exception {
    Path file = dir.resolve("locked.db");
    try (ResultTable table =
        PROVIDER.openTable(
            ResourceUri.parse("sqlite:" + file + "?busyTimeoutMs=100#results"),
            BackendContext.system())) {
      table.createIfMissing();
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = other.createStatement()) {
        s.execute("BEGIN EXCLUSIVE");

        assertThatThrownBy(() -> table.upsert(rows(0, 1)))
            .isInstanceOf(BackendUnavailableException.class)
            .hasMessageContaining("locked by another writer past the busy timeout");

        s.execute("ROLLBACK");
      }
      table.upsert(rows(0, 1));
      assertThat(table.count()).isEqualTo(1);
    }
  }

  @Test
  void machine_failures_are_outages_and_request_failures_are_not() {
    assertThat(SqliteErrors.outage(SQLiteErrorCode.SQLITE_IOERR_WRITE)).contains("I/O error");
    assertThat(SqliteErrors.outage(SQLiteErrorCode.SQLITE_IOERR_FSYNC)).contains("I/O error");
    assertThat(SqliteErrors.outage(SQLiteErrorCode.SQLITE_FULL)).contains("disk full");
    assertThat(SqliteErrors.outage(SQLiteErrorCode.SQLITE_READONLY_DBMOVED)).contains("read-only");
    assertThat(SqliteErrors.outage(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)).contains("locked");
    assertThat(SqliteErrors.outage(SQLiteErrorCode.SQLITE_CANTOPEN)).contains("cannot open");
    assertThat(SqliteErrors.outage(SQLiteErrorCode.SQLITE_CONSTRAINT)).isNull();
    assertThat(SqliteErrors.outage(SQLiteErrorCode.SQLITE_CORRUPT)).isNull();
    assertThat(SqliteErrors.outage(SQLiteErrorCode.SQLITE_ERROR)).isNull();
  }
}
