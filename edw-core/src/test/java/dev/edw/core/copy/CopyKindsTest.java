package dev.edw.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyKindsTest {
  @TempDir Path dir;
  private Backends backends;
  private CopyKinds kinds;

  @BeforeEach
  void open() {
    backends = new Backends(new BackendContext(Map.of(), Clock.systemUTC()));
    kinds = new CopyKinds(backends);
  }

  private ResourceUri uri(String name) {
    return backends.parse("sqlite:" + dir.resolve("edw.db") + "#" + name);
  }

  @Test
  void an_existing_queue_of_a_two_kind_scheme_is_a_queue() {
    try (WorkQueue q = backends.queue(uri("orders"))) {
      q.createIfMissing();
    }

    assertThat(kinds.detect(uri("orders"))).isEqualTo(ResourceKind.QUEUE);
  }

  @Test
  void an_existing_table_of_a_two_kind_scheme_is_a_table() {
    try (ResultTable t = backends.table(uri("results"))) {
      t.createIfMissing();
    }

    assertThat(kinds.detect(uri("results"))).isEqualTo(ResourceKind.TABLE);
  }

  @Test
  void a_name_that_is_both_needs_the_kind_and_a_name_that_is_neither_is_not_found() {
    try (WorkQueue q = backends.queue(uri("both"));
        ResultTable t = backends.table(uri("both"))) {
      q.createIfMissing();
      t.createIfMissing();
    }

    assertThatThrownBy(() -> kinds.detect(uri("both")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--kind");
    assertThatThrownBy(() -> kinds.detect(uri("none")))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
