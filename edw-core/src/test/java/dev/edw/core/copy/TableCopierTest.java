package dev.edw.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCopierTest {
  @TempDir Path dir;
  private Backends backends;
  private final List<ResultTable> opened = new ArrayList<>();
  private final Clock clock = Clock.systemUTC();

  @BeforeEach
  void open() {
    backends = new Backends(new BackendContext(Map.of(), clock));
  }

  @AfterEach
  void close() {
    opened.forEach(ResultTable::close);
  }

  private ResultTable table(String file, String name) {
    ResultTable t = backends.table("sqlite:" + dir.resolve(file) + "#" + name);
    opened.add(t);
    return t;
  }

  @Test
  void every_row_is_copied_across_pages_and_a_rerun_leaves_the_same_rows() {
    ResultTable source = table("a.db", "results");
    ResultTable target = table("b.db", "results");
    source.createIfMissing();
    List<Entity> rows =
        IntStream.range(0, 2_345)
            .mapToObj(i -> new Entity("p" + (i % 7), "r" + i, Map.of("data", "v" + i, "n", 1L)))
            .toList();
    source.upsert(rows);
    TableCopier copier = new TableCopier(CopyOptions.DEFAULT, clock);

    CopyReport first = copier.copy(source, target, c -> {});
    CopyReport second = copier.copy(source, target, c -> {});

    assertThat(first.copied()).isEqualTo(2_345);
    assertThat(first.summary()).startsWith("copied 2345 row(s) from sqlite:");
    assertThat(second.copied()).isEqualTo(2_345);
    assertThat(target.count()).isEqualTo(2_345);
    assertThat(target.get("p3", "r10")).contains(rows.get(10));
    assertThat(source.count()).isEqualTo(2_345);
  }

  @Test
  void a_target_that_refuses_stops_the_copy_and_a_rerun_completes_it() {
    ResultTable source = table("a.db", "results");
    ResultTable target = table("b.db", "results");
    source.createIfMissing();
    source.upsert(
        IntStream.range(0, 2_500)
            .mapToObj(i -> new Entity("p", "r" + i, Map.of("data", "v" + i)))
            .toList());
    TableCopier copier = new TableCopier(CopyOptions.DEFAULT, clock);

    assertThatThrownBy(() -> copier.copy(source, new RefusingTable(target, 1), c -> {}))
        .isInstanceOf(CopyFailedException.class)
        .hasMessageContaining("stopped after 1000 row(s)")
        .hasMessageContaining("running it again is safe");
    CopyReport rerun = copier.copy(source, target, c -> {});

    assertThat(rerun.copied()).isEqualTo(2_500);
    assertThat(target.count()).isEqualTo(2_500);
  }
}
