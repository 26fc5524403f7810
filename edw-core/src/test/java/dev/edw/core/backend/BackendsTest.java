package dev.edw.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.WorkQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {
  @TempDir Path dir;

  private Backends backends() {
    return new Backends(
        new BackendContext(
            Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db")), Clock.systemUTC()));
  }

  @Test
  void missing_resource_is_not_found_and_names_it() {
    String uri = "sqlite:" + dir.resolve("edw.db") + "#nope";

    assertThatThrownBy(() -> backends().existingQueue(uri))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> backends().existingTable(uri))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void an_unknown_secret_parameter_is_refused_and_the_message_hides_its_value() {
    String uri = "sqlite:" + dir.resolve("edw.db") + "?password=hunter2#nope";

    assertThatThrownBy(() -> backends().existingQueue(uri))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("password")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> backends().existingTable(uri))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void existing_queue_opens_and_bare_names_live_in_the_default_store() {
    Backends backends = backends();
    try (WorkQueue created = backends.queue("orders")) {
      created.createIfMissing();
    }

    try (WorkQueue q = backends.existingQueue("orders")) {
      assertThat(q.uri().format()).isEqualTo("sqlite:" + dir.resolve("edw.db") + "#orders");
    }
  }

  @Test
  void unknown_scheme_names_the_known_ones() {
    assertThatThrownBy(() -> backends().queue("nosuch://x/y"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sqlite");
  }
}
