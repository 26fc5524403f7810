package dev.edw.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.WorkQueue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * Writers of one file take turns on its {@link WriterLock}: across processes (child JVMs that take
 * the lock as another edw would) and across stores of one JVM; a turn is given back whatever
 * happens to the transaction, and a turn held past the busy timeout is a retryable outage.
 */
class WriterLockTest {
  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();
  private final List<SqliteStore> stores = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    children.forEach(Process::destroyForcibly);
    stores.forEach(SqliteStore::close);
  }

  private SqliteStore store(Path file, Duration busyTimeout) {
    SqliteStore store =
        new SqliteStore(file, new SqliteOptions(SynchronousMode.NORMAL, busyTimeout));
    stores.add(store);
    return store;
  }

  private static Integer execute(SqliteStore s, String sql) throws SQLException {
    try (Statement statement = s.statement()) {
      return statement.executeUpdate(sql);
    }
  }

  private static int insert(SqliteStore store, int x) {
    return insert(store, "INSERT INTO t VALUES (" + x + ")");
  }

  private static int insert(SqliteStore store, String sql) {
    return store.inTransaction(sql, s -> execute(s, sql));
  }

  private static long count(SqliteStore store, String table) {
    return store.inReadTransaction(
        "count",
        s -> {
          try (Statement statement = s.statement();
              ResultSet r = statement.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  private Process child(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            WriterLockChild.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(process);
    return process;
  }

  /** Starts a child that holds {@code file}'s writer lock, and returns once it holds it. */
  private Process holder(Path file) throws Exception {
    return holder(file, WriterLock.SUFFIX);
  }

  /** Starts a child that holds the lock of side file {@code file + suffix}, once it holds it. */
  private Process holder(Path file, String suffix) throws Exception {
    Process process = child("hold", file.toString(), suffix);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("held");
    return process;
  }

  @Test
  void a_writer_waits_for_another_process_holding_the_lock_and_writes_as_soon_as_it_lets_go()
      throws Exception {
    Path file = dir.resolve("w.db");
    SqliteStore store = store(file, Duration.ofSeconds(60));
    store.inTransaction("create", s -> execute(s, "CREATE TABLE t(x INTEGER PRIMARY KEY)"));
    Process other = holder(file);

    CompletableFuture<Integer> write =
        CompletableFuture.supplyAsync(
            () -> store.inTransaction("insert", s -> execute(s, "INSERT INTO t VALUES (1)")));
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !write.isDone());
    SqliteStore reader = store(file, Duration.ofMillis(200));
    assertThat(count(reader, "t")).as("a read (of another store) takes no writer lock").isZero();
    other.getOutputStream().close();

    assertThat(write.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(count(store, "t")).isEqualTo(1);
    assertThat(WriterLock.of(file))
        .satisfies(
            l -> {
              assertThat(l.stats().waited()).isEqualTo(1);
              l.close();
            });
  }

  @Test
  void a_lock_another_process_holds_past_the_busy_timeout_fails_the_write_retryably()
      throws Exception {
    Path file = dir.resolve("held.db");
    SqliteStore store = store(file, Duration.ofMillis(200));
    store.inTransaction("create", s -> execute(s, "CREATE TABLE t(x INTEGER PRIMARY KEY)"));
    Process other = holder(file);

    assertThatThrownBy(
            () -> store.inTransaction("insert", s -> execute(s, "INSERT INTO t VALUES (1)")))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("locked by another writer past the busy timeout")
        .hasMessageContaining(WriterLock.SUFFIX);
    other.getOutputStream().close();
    assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(insert(store, 1)).isEqualTo(1);
  }

  @Test
  void a_store_of_this_process_holding_the_turn_past_the_busy_timeout_fails_the_other_retryably()
      throws Exception {
    Path file = dir.resolve("two.db");
    SqliteStore slow = store(file, Duration.ofSeconds(60));
    SqliteStore quick = store(file, Duration.ofMillis(200));
    slow.inTransaction("create", s -> execute(s, "CREATE TABLE t(x INTEGER PRIMARY KEY)"));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    CompletableFuture<Integer> held =
        CompletableFuture.supplyAsync(
            () ->
                slow.inTransaction(
                    "slow insert",
                    s -> {
                      inside.countDown();
                      try {
                        assertThat(letGo.await(30, TimeUnit.SECONDS)).isTrue();
                      } catch (InterruptedException e) {
                        throw new SQLException(e);
                      }
                      return execute(s, "INSERT INTO t VALUES (1)");
                    }));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(
            () -> quick.inTransaction("insert", s -> execute(s, "INSERT INTO t VALUES (2)")))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("another thread of this process");
    letGo.countDown();
    assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(insert(quick, 2)).isEqualTo(1);
  }

  @Test
  void the_turn_is_given_back_when_a_write_fails_and_rolls_back() throws Exception {
    Path file = dir.resolve("fail.db");
    SqliteStore store = store(file, Duration.ofSeconds(60));
    SqliteStore other = store(file, Duration.ofMillis(200));
    store.inTransaction("create", s -> execute(s, "CREATE TABLE t(x INTEGER PRIMARY KEY)"));
    store.inTransaction("seed", s -> execute(s, "INSERT INTO t VALUES (1)"));

    assertThatThrownBy(
            () -> store.inTransaction("clash", s -> execute(s, "INSERT INTO t VALUES (1)")))
        .isNotInstanceOf(BackendUnavailableException.class);
    assertThatThrownBy(
            () ->
                store.inDrainTransaction(
                    "bug",
                    s -> {
                      execute(s, "INSERT INTO t VALUES (5)");
                      throw new IllegalStateException("processing bug");
                    }))
        .hasMessage("processing bug");

    assertThat(insert(other, 2)).isEqualTo(1);
    Process child = child("hold", file.toString());
    assertThat(
            new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                .readLine())
        .as("another process gets the lock")
        .isEqualTo("held");
    child.getOutputStream().close();
    assertThat(count(store, "t")).isEqualTo(2);
  }

  @Test
  void a_process_that_finds_another_counting_answers_at_once_with_the_shared_count()
      throws Exception {
    Path file = dir.resolve("count.db");
    ResourceUri uri = ResourceUri.parse("sqlite:" + file + "#jobs");
    Duration maxAge = Duration.ofMinutes(1);
    SqliteBackendProvider provider = new SqliteBackendProvider();
    try (WorkQueue queue = provider.openQueue(uri, BackendContext.system());
        WorkQueue later =
            provider.openQueue(
                uri,
                new BackendContext(
                    Map.of(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2))))) {
      queue.createIfMissing();
      queue.send(List.of(OutgoingMessage.of("a"), OutgoingMessage.of("b")));
      Process counting = holder(file, WriterLock.COUNT_SUFFIX);
      assertThat(queue.depth(maxAge).visible())
          .as("no shared count yet: counts alone")
          .isEqualTo(2);
      counting.getOutputStream().close();
      assertThat(counting.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(queue.depth(maxAge).visible()).as("counted and kept").isEqualTo(2);
      queue.send(List.of(OutgoingMessage.of("c")));

      counting = holder(file, WriterLock.COUNT_SUFFIX);

      assertThat(later.depth(maxAge).visible())
          .as("stale, but another process is counting it afresh")
          .isEqualTo(2);
      assertThat(later.depth().visible()).isEqualTo(3);
      counting.getOutputStream().close();
      assertThat(counting.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(later.depth(maxAge).visible()).as("counted again").isEqualTo(3);
    }
  }

  @Test
  void two_processes_draining_one_queue_handle_every_message_once() throws Exception {
    Path file = dir.resolve("q.db");
    ResourceUri uri = ResourceUri.parse("sqlite:" + file + "#jobs");
    int messages = 3_000;
    try (WorkQueue queue = new SqliteBackendProvider().openQueue(uri, BackendContext.system())) {
      queue.createIfMissing();
      queue.send(IntStream.range(0, messages).mapToObj(i -> OutgoingMessage.of("m" + i)).toList());
    }
    SqliteStore store = store(file, Duration.ofSeconds(30));
    store.inTransaction("create", s -> execute(s, "CREATE TABLE done(id TEXT PRIMARY KEY)"));

    List<Process> drains =
        List.of(child("drain", file.toString(), "jobs"), child("drain", file.toString(), "jobs"));
    for (Process p : drains) {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue())
          .as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isZero();
    }

    assertThat(count(store, "done")).isEqualTo(messages);
    try (WorkQueue queue = new SqliteBackendProvider().openQueue(uri, BackendContext.system())) {
      assertThat(queue.depth().isEmpty()).isTrue();
    }
  }
}
