package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.PeekedMessageItem;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.MessageTooLargeException;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What is particular to Azure queues: pop receipts, message encoding, the 64 KiB limit. */
@Tag("azure")
class AzureQueueTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  private static final AzureBackendProvider PROVIDER = new AzureBackendProvider();
  private static final BackendContext CONTEXT = new BackendContext(Map.of(), Clock.systemUTC());
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final List<WorkQueue> opened = new ArrayList<>();

  @AfterEach
  void closeQueues() {
    opened.forEach(WorkQueue::close);
  }

  private WorkQueue createQueue(String... params) {
    String name = "aq-" + Long.toString(System.nanoTime(), 36) + "-" + COUNTER.incrementAndGet();
    WorkQueue queue =
        PROVIDER.openQueue(AZURITE.azurite().uri("azure-queue", name, params), CONTEXT);
    opened.add(queue);
    queue.createIfMissing();
    return queue;
  }

  /** The SDK's own client on the same queue, with no message encoding: another producer. */
  private static QueueClient rawClient(WorkQueue queue) {
    return new QueueClientBuilder()
        .connectionString(AZURITE.azurite().connectionString())
        .queueName(queue.name())
        .buildClient();
  }

  private static ReceivedMessage receiveOne(WorkQueue queue) {
    List<ReceivedMessage> got = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> got.addAll(queue.receive(1, LEASE, Duration.ofMillis(200))));
    return got.get(0);
  }

  @Test
  void extending_a_lease_issues_a_new_pop_receipt_and_the_old_one_then_loses_the_lease() {
    WorkQueue queue = createQueue();
    queue.send(OutgoingMessage.of("long job"));
    ReceivedMessage m = receiveOne(queue);

    ReceiptResult extended = queue.changeVisibility(List.of(m.receipt()), LEASE).get(0);
    List<ReceiptResult> withOld = queue.delete(List.of(m.receipt()));
    List<ReceiptResult> withNew = queue.delete(List.of(extended.current()));

    assertThat(extended.succeeded()).isTrue();
    assertThat(extended.current().messageId()).isEqualTo(m.id());
    assertThat(extended.current().handle()).isNotEqualTo(m.receipt().handle());
    assertThat(withOld).singleElement().matches(ReceiptResult::leaseLost, "lease lost");
    assertThat(withOld.get(0).failure().retryable()).isFalse();
    assertThat(withNew).singleElement().matches(ReceiptResult::succeeded, "deleted");
  }

  @Test
  void one_lost_lease_fails_only_its_own_item_of_a_batch() {
    WorkQueue queue = createQueue();
    queue.send(List.of(OutgoingMessage.of("a"), OutgoingMessage.of("b")));
    List<ReceivedMessage> both = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> both.addAll(queue.receive(2, LEASE, Duration.ZERO)) && both.size() == 2);
    ReceiptResult moved = queue.changeVisibility(List.of(both.get(0).receipt()), LEASE).get(0);

    List<ReceiptResult> results =
        queue.delete(List.of(both.get(0).receipt(), both.get(1).receipt()));

    assertThat(moved.succeeded()).isTrue();
    assertThat(results.get(0).leaseLost()).isTrue();
    assertThat(results.get(1).succeeded()).isTrue();
  }

  @Test
  void plain_text_sent_by_another_client_reads_as_sent() {
    WorkQueue queue = createQueue();
    String body = "{\"msg\": \"from python <&> ü\", \"srcStamp\": \"2026-11-23 04:00:00\"}";

    rawClient(queue).sendMessage(body);

    assertThat(receiveOne(queue).body()).isEqualTo(body);
  }

  @Test
  void plain_text_sent_by_edw_is_read_as_sent_by_another_client() {
    WorkQueue queue = createQueue();

    queue.send(OutgoingMessage.of("plain ✓"));

    PeekedMessageItem raw = rawClient(queue).peekMessage();
    assertThat(raw.getBody().toString()).isEqualTo("plain ✓");
  }

  @Test
  void base64_queue_round_trips_and_puts_base64_on_the_wire() {
    WorkQueue queue = createQueue("messageEncoding=base64");
    String body = "{\"job\": 7, \"text\": \"héllo 🚀\"}";

    queue.send(OutgoingMessage.of(body));

    PeekedMessageItem raw = rawClient(queue).peekMessage();
    assertThat(raw.getBody().toString())
        .isEqualTo(Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(receiveOne(queue).body()).isEqualTo(body);
  }

  @Test
  void a_message_that_is_not_base64_on_a_base64_queue_is_delivered_as_is_and_blocks_nothing() {
    WorkQueue queue = createQueue("messageEncoding=base64");
    rawClient(queue).sendMessage("not base64!");
    queue.send(OutgoingMessage.of("fine"));

    List<ReceivedMessage> both = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> both.addAll(queue.receive(2, LEASE, Duration.ZERO)) && both.size() == 2);

    assertThat(both)
        .extracting(ReceivedMessage::body)
        .containsExactlyInAnyOrder("not base64!", "fine");
  }

  @Test
  void sent_messages_never_expire_unless_a_time_to_live_is_given() {
    WorkQueue forever = createQueue();
    WorkQueue hourly = createQueue("messageTtlSeconds=3600");

    forever.send(OutgoingMessage.of("keep"));
    hourly.send(OutgoingMessage.of("an hour"));

    assertThat(rawClient(forever).peekMessage().getExpirationTime().getYear()).isGreaterThan(9000);
    assertThat(rawClient(hourly).peekMessage().getExpirationTime())
        .isBefore(java.time.OffsetDateTime.now().plusHours(2));
  }

  @Test
  void a_body_of_exactly_64_kib_is_sent_and_one_byte_more_is_refused() {
    WorkQueue queue = createQueue();
    String exactly = "x".repeat(64 * 1024);

    queue.send(OutgoingMessage.of(exactly));

    assertThat(queue.limits().maxMessageBytes()).isEqualTo(64 * 1024);
    assertThat(receiveOne(queue).body()).isEqualTo(exactly);
    assertThatThrownBy(() -> queue.send(OutgoingMessage.of(exactly + "x")))
        .isInstanceOf(MessageTooLargeException.class)
        .hasMessageContaining("65537 bytes")
        .hasMessageContaining("65536");
  }

  @Test
  void the_limit_counts_utf8_bytes_not_characters_and_nothing_is_sent_over_it() {
    WorkQueue queue = createQueue();
    String twoBytesEach = "é".repeat(32 * 1024 + 1);

    assertThatThrownBy(
            () -> queue.send(List.of(OutgoingMessage.of("ok"), OutgoingMessage.of(twoBytesEach))))
        .isInstanceOf(MessageTooLargeException.class)
        .hasMessageContaining("65538 bytes");
    assertThat(queue.peek(5)).isEmpty();
  }

  @Test
  void base64_queues_allow_48_kib_since_encoding_adds_a_third() {
    WorkQueue queue = createQueue("messageEncoding=base64");
    String exactly = "x".repeat(48 * 1024);

    queue.send(OutgoingMessage.of(exactly));

    assertThat(receiveOne(queue).body()).isEqualTo(exactly);
    assertThatThrownBy(() -> queue.send(OutgoingMessage.of(exactly + "x")))
        .isInstanceOf(MessageTooLargeException.class);
  }

  @Test
  void receive_with_a_wait_on_an_empty_queue_returns_nothing_after_about_the_wait() {
    WorkQueue queue = createQueue("pollIntervalMs=100");
    long start = System.nanoTime();

    List<ReceivedMessage> none = queue.receive(32, LEASE, Duration.ofMillis(700));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(none).isEmpty();
    assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofSeconds(10));
  }

  @Test
  void receive_with_a_wait_returns_a_message_sent_while_waiting() {
    WorkQueue queue = createQueue("pollIntervalMs=100");
    queue.send(new OutgoingMessage("later", null, null, Duration.ofSeconds(1)));

    List<ReceivedMessage> got = queue.receive(1, LEASE, Duration.ofSeconds(10));

    assertThat(got).extracting(ReceivedMessage::body).containsExactly("later");
    assertThat(got.get(0).dequeueCount()).isEqualTo(1);
  }
}
