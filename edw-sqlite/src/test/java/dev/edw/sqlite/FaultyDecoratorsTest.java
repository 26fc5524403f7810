package dev.edw.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.testkit.fault.FaultKind;
import dev.edw.testkit.fault.FaultOptions;
import dev.edw.testkit.fault.Faults;
import dev.edw.testkit.fault.FaultyBlobStore;
import dev.edw.testkit.fault.FaultyResultTable;
import dev.edw.testkit.fault.FaultyWorkQueue;
import dev.edw.testkit.fault.InjectedFault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's faulty decorators over real SQLite resources. */
class FaultyDecoratorsTest {
  private static final SqliteBackendProvider PROVIDER = new SqliteBackendProvider();

  @TempDir Path dir;
  private WorkQueue queue;
  private ResultTable table;

  @BeforeEach
  void open() {
    queue = PROVIDER.openQueue(uri("orders"), BackendContext.system());
    table = PROVIDER.openTable(uri("results"), BackendContext.system());
    queue.createIfMissing();
    table.createIfMissing();
  }

  @AfterEach
  void close() {
    queue.close();
    table.close();
  }

  private ResourceUri uri(String name) {
    return ResourceUri.parse("sqlite:" + dir.resolve("edw.db") + "#" + name);
  }

  private static List<OutgoingMessage> messages(int count) {
    return IntStream.range(0, count).mapToObj(i -> OutgoingMessage.of("m" + i)).toList();
  }

  private static List<FaultKind> draws(long seed, int count) {
    Faults faults = new Faults(FaultOptions.DEFAULTS.withSeed(seed));
    List<FaultKind> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(faults.draw());
    }
    return out;
  }

  @Test
  void one_seed_gives_one_sequence_of_faults_and_another_seed_another() {
    assertThat(draws(42, 500)).isEqualTo(draws(42, 500)).isNotEqualTo(draws(43, 500));
    assertThat(draws(42, 2_000)).contains(FaultKind.values());
  }

  @Test
  void rates_are_checked_and_no_faults_means_every_call_goes_through() {
    assertThatThrownBy(() -> FaultOptions.DEFAULTS.withRates(0.5, 0.6, 0, 0, 0))
        .hasMessageContaining("sum to at most 1");
    Faults none = new Faults(FaultOptions.NONE);
    WorkQueue q = new FaultyWorkQueue(queue, none);

    q.send(messages(200));

    assertThat(queue.depth().visible()).isEqualTo(200);
    assertThat(none.injectedTotal()).isZero();
    assertThat(none.injected(FaultKind.NONE)).isEqualTo(1);
  }

  @Test
  void an_unmapped_or_retryable_fault_fails_the_call_before_it_reaches_the_backend() {
    WorkQueue unmapped =
        new FaultyWorkQueue(queue, new Faults(FaultOptions.DEFAULTS.only(FaultKind.UNMAPPED, 1)));
    WorkQueue retryable =
        new FaultyWorkQueue(queue, new Faults(FaultOptions.DEFAULTS.only(FaultKind.RETRYABLE, 1)));

    assertThatThrownBy(() -> unmapped.send(messages(3))).isInstanceOf(InjectedFault.class);
    assertThatThrownBy(() -> retryable.send(messages(3)))
        .isInstanceOf(BackendUnavailableException.class);
    assertThat(queue.depth().visible()).isZero();
  }

  @Test
  void a_timeout_does_the_work_and_then_loses_the_answer() {
    Faults faults = new Faults(FaultOptions.DEFAULTS.only(FaultKind.TIMEOUT, 1));

    assertThatThrownBy(() -> new FaultyWorkQueue(queue, faults).send(messages(5)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("timed out");
    assertThatThrownBy(
            () ->
                new FaultyResultTable(table, faults)
                    .upsert(List.of(new Entity("p", "r", Map.of("x", 1)))))
        .isInstanceOf(BackendUnavailableException.class);

    assertThat(queue.depth().visible()).isEqualTo(5);
    assertThat(table.count()).isEqualTo(1);
  }

  @Test
  void partial_answers_send_a_prefix_receive_fewer_and_garble_receipt_results() {
    Faults faults = new Faults(FaultOptions.DEFAULTS.only(FaultKind.PARTIAL, 1));
    WorkQueue q = new FaultyWorkQueue(queue, faults);

    assertThatThrownBy(() -> q.send(messages(50)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageMatching("injected: send failed after \\d+ of 50 were sent");
    long sent = queue.depth().visible();
    assertThat(sent).isLessThan(50);
    queue.send(messages(50));

    List<ReceivedMessage> got = q.receive(20, Duration.ofMinutes(1), Duration.ZERO);
    assertThat(got).hasSizeLessThan(20);
    List<Receipt> receipts = got.stream().map(ReceivedMessage::receipt).toList();
    List<ReceiptResult> results = q.delete(receipts);
    boolean fewer = results.size() < receipts.size();
    boolean reordered =
        results.size() == receipts.size()
            && !results.stream().map(ReceiptResult::requested).toList().equals(receipts);
    assertThat(fewer || reordered || receipts.size() < 2).isTrue();
    assertThat(queue.depth().inFlight()).as("the deletes were done in full").isZero();
  }

  @Test
  void a_partial_upsert_writes_only_the_first_rows_and_a_partial_read_breaks_off()
      throws IOException {
    Faults faults = new Faults(FaultOptions.DEFAULTS.only(FaultKind.PARTIAL, 1));
    List<Entity> rows =
        IntStream.range(0, 40).mapToObj(i -> new Entity("p" + i, "r", Map.of("i", i))).toList();

    assertThatThrownBy(() -> new FaultyResultTable(table, faults).upsert(rows))
        .isInstanceOf(BackendUnavailableException.class);
    assertThat(table.count()).isLessThan(40);

    var blobs = PROVIDER.openBlobStore(uri("images"), BackendContext.system());
    blobs.createIfMissing();
    blobs.put("a.bin", new byte[100]);
    try (InputStream in = new FaultyBlobStore(blobs, faults).open("a.bin")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("broke off");
    } finally {
      blobs.close();
    }
  }
}
