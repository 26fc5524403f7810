package dev.edw.sqlite;

import static dev.edw.sqlite.ScratchStore.execute;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads run on a connection of their own, beside the writer's transactions. */
class SqliteReaderTest {
  @TempDir Path dir;
  private SqliteStore store;

  @BeforeEach
  void open() {
    store = ScratchStore.open(dir.resolve("r.db"));
    store.inTransaction("fill", s -> execute(s, "INSERT INTO t VALUES (1), (2)"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private long count() {
    return store.inReadTransaction(
        "count",
        s -> {
          try (ResultSet r = s.prepare("SELECT count(*) FROM t").executeQuery()) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  @Test
  void a_read_completes_while_a_write_transaction_is_open_and_sees_only_what_was_committed()
      throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    // threads of their own: the common pool may have a single thread on a small machine
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    CompletableFuture<Integer> write =
        CompletableFuture.supplyAsync(
            () ->
                store.inTransaction(
                    "slow write",
                    s -> {
                      int n = execute(s, "INSERT INTO t VALUES (3)");
                      writing.countDown();
                      try {
                        finish.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return n;
                    }),
            threads);
    assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();

    // the writer holds the store's lock and its transaction is open: the read does not wait
    long duringWrite =
        CompletableFuture.supplyAsync(this::count, threads).get(30, TimeUnit.SECONDS);
    finish.countDown();
    write.get(30, TimeUnit.SECONDS);
    threads.close();

    assertThat(duringWrite).isEqualTo(2);
    assertThat(count()).isEqualTo(3);
  }

  @Test
  void a_failed_read_leaves_the_reader_usable() {
    try {
      store.inReadTransaction("bad", s -> s.prepare("SELECT nope FROM t").executeQuery());
    } catch (RuntimeException expected) {
      // the statement does not compile: mapped to the store's error
    }

    assertThat(count()).isEqualTo(2);
  }
}
