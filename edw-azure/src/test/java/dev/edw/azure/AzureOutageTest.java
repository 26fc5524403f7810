package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Azurite dies mid-run: calls fail retryably, and the same clients work once it is back. */
@Tag("azure")
class AzureOutageTest {
  private static final AzureBackendProvider PROVIDER = new AzureBackendProvider();
  private static final BackendContext CONTEXT = new BackendContext(Map.of(), Clock.systemUTC());
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final String[] FAST = {"maxTries=2", "retryDelayMs=50", "tryTimeoutMs=5000"};

  private static void assertUnavailable(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            BackendUnavailableException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("cannot reach");
  }

  @Test
  void calls_fail_retryably_while_azurite_is_down_and_work_again_after_it_restarts() {
    try (Azurite azurite = Azurite.start();
        WorkQueue queue = PROVIDER.openQueue(azurite.uri("azure-queue", "outage", FAST), CONTEXT);
        ResultTable table =
            PROVIDER.openTable(azurite.uri("azure-table", "outage", FAST), CONTEXT);
        BlobStore blobs =
            PROVIDER.openBlobStore(azurite.uri("azure-blob", "outage", FAST), CONTEXT)) {
      queue.createIfMissing();
      table.createIfMissing();
      blobs.createIfMissing();
      queue.send(OutgoingMessage.of("before"));
      ReceivedMessage leased = queue.receive(1, LEASE, Duration.ofSeconds(5)).get(0);

      azurite.kill();

      assertUnavailable(() -> queue.send(OutgoingMessage.of("during")));
      assertUnavailable(() -> queue.receive(1, LEASE, Duration.ZERO));
      assertUnavailable(queue::depth);
      assertUnavailable(() -> table.upsert(List.of(new Entity("p", "r", Map.of("n", 1L)))));
      assertUnavailable(() -> table.get("p", "r"));
      assertUnavailable(() -> blobs.put("x", new byte[] {1}));
      List<ReceiptResult> deleted = queue.delete(List.of(leased.receipt(), leased.receipt()));
      assertThat(deleted)
          .allSatisfy(r -> assertThat(r.failure()).isInstanceOf(BackendUnavailableException.class));

      azurite.restart();

      // Azurite kept its data in memory, so the resources are gone: recreate them and use them.
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptionsInstanceOf(BackendUnavailableException.class)
          .untilAsserted(() -> assertThat(queue.createIfMissing()).isTrue());
      queue.send(OutgoingMessage.of("after"));
      assertThat(queue.receive(1, LEASE, Duration.ofSeconds(5)))
          .extracting(ReceivedMessage::body)
          .containsExactly("after");
      table.createIfMissing();
      table.upsert(List.of(new Entity("p", "r", Map.of("n", 2L))));
      assertThat(table.get("p", "r")).map(e -> e.properties().get("n")).contains(2L);
      blobs.createIfMissing();
      blobs.put("x", "back".getBytes(StandardCharsets.UTF_8));
      assertThat(blobs.get("x")).asString(StandardCharsets.UTF_8).isEqualTo("back");
    }
  }
}
