package dev.edw.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.AtomicCompletion;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.testkit.fault.FaultKind;
import dev.edw.testkit.fault.FaultOptions;
import dev.edw.testkit.fault.Faults;
import dev.edw.testkit.fault.FaultyResultTable;
import dev.edw.testkit.fault.FaultyWorkQueue;
import dev.edw.testkit.fault.InjectedFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's one-file layout under faults: queue and results in one file, so each batch's
 * rows and deletes commit together (the combined commit), with faults of its own.
 */
@Tag("slow")
class SqliteOneFilePipelineUnderFaultsTest extends SqlitePipelineUnderFaultsTest {
  @Override
  protected String queueUri() {
    return "sqlite:" + dir.resolve("edw.db") + "#orders";
  }

  @Override
  protected String tableUri() {
    return "sqlite:" + dir.resolve("edw.db") + "#results";
  }

  @Test
  void the_combined_commit_goes_through_the_faulty_decorators() {
    Backends backends = backends();
    try (WorkQueue queue = backends.queue(queueUri());
        ResultTable table = backends.table(tableUri())) {
      queue.createIfMissing();
      table.createIfMissing();
      queue.send(List.of(OutgoingMessage.of("a"), OutgoingMessage.of("b")));
      List<ReceivedMessage> received = queue.receive(2, Duration.ofMinutes(1), Duration.ZERO);
      Faults alwaysUnmapped = new Faults(FaultOptions.NONE.only(FaultKind.UNMAPPED, 1.0));
      AtomicCompletion faulty =
          new FaultyResultTable(table, alwaysUnmapped)
              .atomicCompletion(new FaultyWorkQueue(queue, alwaysUnmapped))
              .orElseThrow();
      List<Entity> rows = List.of(new Entity("p", "a", Map.of()));

      assertThatThrownBy(() -> faulty.upsertAndDelete(rows, List.of(received.get(0).receipt())))
          .isInstanceOf(InjectedFault.class);
      alwaysUnmapped.enabled(false);
      assertThat(faulty.upsertAndDelete(rows, List.of(received.get(0).receipt())))
          .allMatch(r -> r.succeeded());
      assertThat(table.count()).isEqualTo(1);
      assertThat(queue.depth().total()).isEqualTo(1);
    }
  }
}
