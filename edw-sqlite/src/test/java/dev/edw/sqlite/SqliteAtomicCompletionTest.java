package dev.edw.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.EdwException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.AtomicCompletion;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows and deletes in one transaction when the result table and the queue share one file: both
 * commit or neither does, and a receipt whose lease was lost fails alone.
 */
class SqliteAtomicCompletionTest {
  private static final SqliteBackendProvider PROVIDER = new SqliteBackendProvider();
  private static final Duration LEASE = Duration.ofMinutes(5);

  @TempDir Path dir;

  private ResourceUri uri(String file, String name) {
    return ResourceUri.parse("sqlite:" + dir.resolve(file) + "#" + name);
  }

  private static List<Entity> rows(List<ReceivedMessage> messages) {
    return messages.stream().map(m -> new Entity("p", m.id(), Map.of("body", m.body()))).toList();
  }

  private static List<Receipt> receipts(List<ReceivedMessage> messages) {
    return messages.stream().map(ReceivedMessage::receipt).toList();
  }

  @Test
  void a_table_offers_it_only_for_a_queue_in_its_own_file() {
    try (ResultTable table = PROVIDER.openTable(uri("a.db", "results"), BackendContext.system());
        WorkQueue same = PROVIDER.openQueue(uri("a.db", "orders"), BackendContext.system());
        WorkQueue other = PROVIDER.openQueue(uri("b.db", "orders"), BackendContext.system())) {
      assertThat(table.atomicCompletion(same)).isPresent();
      assertThat(table.atomicCompletion(other)).isEmpty();
    }
  }

  @Test
  void rows_are_written_and_messages_deleted_together_and_a_lost_lease_fails_alone() {
    try (ResultTable table = PROVIDER.openTable(uri("a.db", "results"), BackendContext.system());
        WorkQueue queue = PROVIDER.openQueue(uri("a.db", "orders"), BackendContext.system())) {
      table.createIfMissing();
      queue.createIfMissing();
      queue.send(List.of(OutgoingMessage.of("a"), OutgoingMessage.of("b")));
      List<ReceivedMessage> held = queue.receive(1, LEASE, Duration.ZERO);
      // the second message's first lease ends at once and another receiver takes it
      List<ReceivedMessage> stale = queue.receive(1, Duration.ZERO, Duration.ZERO);
      assertThat(queue.receive(1, LEASE, Duration.ZERO)).hasSize(1);
      AtomicCompletion completion = table.atomicCompletion(queue).orElseThrow();

      List<ReceivedMessage> both = List.of(held.get(0), stale.get(0));
      List<ReceiptResult> results = completion.upsertAndDelete(rows(both), receipts(both));

      assertThat(results).hasSize(2);
      assertThat(results)
          .filteredOn(r -> r.requested().equals(held.get(0).receipt()))
          .singleElement()
          .satisfies(r -> assertThat(r.succeeded()).isTrue());
      assertThat(results)
          .filteredOn(r -> r.requested().equals(stale.get(0).receipt()))
          .singleElement()
          .satisfies(r -> assertThat(r.leaseLost()).isTrue());
      assertThat(table.count()).as("rows are written, the lost lease's too").isEqualTo(2);
      assertThat(queue.depth().total()).as("the other receiver's message stays").isEqualTo(1);
    }
  }

  @Test
  void when_the_delete_fails_the_rows_are_not_committed_either() throws Exception {
    Path file = dir.resolve("a.db");
    try (ResultTable table = PROVIDER.openTable(uri("a.db", "results"), BackendContext.system());
        WorkQueue queue = PROVIDER.openQueue(uri("a.db", "orders"), BackendContext.system())) {
      table.createIfMissing();
      queue.createIfMissing();
      queue.send(List.of(OutgoingMessage.of("a")));
      List<ReceivedMessage> held = queue.receive(1, LEASE, Duration.ZERO);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = c.createStatement()) {
        String queueTable;
        try (ResultSet r =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'edw_q_%'")) {
          r.next();
          queueTable = r.getString(1);
        }
        s.execute(
            "CREATE TRIGGER no_delete BEFORE DELETE ON "
                + queueTable
                + " BEGIN SELECT RAISE(ABORT, 'deletes refused'); END");
      }
      AtomicCompletion completion = table.atomicCompletion(queue).orElseThrow();

      assertThatThrownBy(() -> completion.upsertAndDelete(rows(held), receipts(held)))
          .isInstanceOf(EdwException.class)
          .hasMessageContaining("deletes refused");

      assertThat(table.count()).isZero();
      assertThat(queue.depth().total()).isEqualTo(1);
    }
  }
}
