package dev.edw.sqlite;

import static dev.edw.sqlite.ScratchStore.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.EdwException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work handed in together commits together, and a failing unit is undone alone. */
class GroupCommitTest {
  @TempDir Path dir;
  private SqliteStore store;

  @BeforeEach
  void open() {
    store = ScratchStore.open(dir.resolve("g.db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<Long> rows() {
    return store.inReadTransaction(
        "read",
        s -> {
          List<Long> xs = new ArrayList<>();
          try (Statement statement = s.statement();
              ResultSet r = statement.executeQuery("SELECT x FROM t ORDER BY x")) {
            while (r.next()) {
              xs.add(r.getLong(1));
            }
          }
          return xs;
        });
  }

  @Test
  void units_handed_in_together_commit_once_and_a_failing_one_is_undone_alone() {
    GroupCommit group = new GroupCommit();
    GroupCommit.Unit<Integer> first =
        new GroupCommit.Unit<>("insert 1", s -> execute(s, "INSERT INTO t VALUES (1)"));
    GroupCommit.Unit<Integer> clash =
        new GroupCommit.Unit<>(
            "insert 3 then 1",
            s -> execute(s, "INSERT INTO t VALUES (3)") + execute(s, "INSERT INTO t VALUES (1)"));
    GroupCommit.Unit<Integer> broken =
        new GroupCommit.Unit<>(
            "insert 4 then fail",
            s -> {
              execute(s, "INSERT INTO t VALUES (4)");
              throw new IllegalStateException("processing bug");
            });
    GroupCommit.Unit<Integer> last =
        new GroupCommit.Unit<>("insert 2", s -> execute(s, "INSERT INTO t VALUES (2)"));
    List.of(first, clash, broken, last).forEach(group::add);

    group.commitNext(store);

    assertThat(List.of(first, clash, broken, last)).allMatch(GroupCommit.Unit::done);
    assertThat(first.result()).isEqualTo(1);
    assertThat(last.result()).isEqualTo(1);
    assertThatThrownBy(clash::result)
        .isInstanceOf(EdwException.class)
        .hasMessageContaining("insert 3 then 1");
    assertThatThrownBy(broken::result).hasMessage("processing bug");
    assertThat(rows()).containsExactly(1L, 2L);
  }

  @Test
  void concurrent_writers_each_get_their_own_outcome_and_every_good_write_is_kept()
      throws Exception {
    int writers = 32;
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      long x = i % 8 == 7 ? 0 : i + 1; // every eighth writes a clashing key
      calls.add(
          () ->
              store.inTransaction(
                  "insert " + x, s -> execute(s, "INSERT INTO t VALUES (" + x + ")")));
    }
    store.inTransaction("seed", s -> execute(s, "INSERT INTO t VALUES (0)"));
    List<Future<Integer>> outcomes;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      outcomes = pool.invokeAll(calls);
    }

    int failed = 0;
    for (Future<Integer> f : outcomes) {
      try {
        assertThat(f.get()).isEqualTo(1);
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(EdwException.class);
        failed++;
      }
    }
    assertThat(failed).isEqualTo(writers / 8);
    assertThat(rows()).hasSize(1 + writers - writers / 8);
  }
}
