package dev.edw.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.queue.MessageTooLargeException;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkQueue} must do. A backend's test extends this class and says how to open a
 * fresh queue; every test gets a queue of its own.
 */
public abstract class WorkQueueContract {
  /** A lease short enough to expire within a test; one second is the finest Azure allows. */
  protected static final Duration SHORT_LEASE = Duration.ofSeconds(1);

  protected static final Duration LONG_LEASE = Duration.ofSeconds(60);
  private static final Duration NO_WAIT = Duration.ZERO;
  private static final Duration BOUND = Duration.ofSeconds(20);

  protected WorkQueue queue;
  private final List<WorkQueue> opened = new ArrayList<>();

  /** Opens (without creating) a queue of this name that no other test uses. */
  protected abstract WorkQueue openQueue(String name);

  protected WorkQueue open(String name) {
    WorkQueue q = openQueue(name);
    opened.add(q);
    return q;
  }

  @BeforeEach
  void createQueue() {
    queue = open(uniqueName("q"));
    queue.createIfMissing();
  }

  @AfterEach
  void closeQueues() {
    opened.forEach(WorkQueue::close);
  }

  protected static String uniqueName(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36) + "-" + COUNTER.incrementAndGet();
  }

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** Receives until {@code count} messages came or the bound passed. */
  protected List<ReceivedMessage> receiveAll(WorkQueue q, int count, Duration lease) {
    List<ReceivedMessage> all = new ArrayList<>();
    await()
        .atMost(BOUND)
        .pollDelay(Duration.ZERO)
        .until(
            () -> {
              int want = Math.min(q.limits().maxReceiveBatch(), count - all.size());
              if (want > 0) {
                all.addAll(q.receive(want, lease, Duration.ofMillis(200)));
              }
              return all.size() >= count;
            });
    return all;
  }

  @Test
  void created_queue_exists_and_creating_it_again_is_harmless() {
    assertThat(queue.exists()).isTrue();
    assertThat(queue.createIfMissing()).isFalse();
    assertThat(open(uniqueName("never-created")).exists()).isFalse();
  }

  @Test
  void sent_body_is_received_unchanged() {
    String body = "{\"msg\": \"héllo wörld ✓ 🚀\", \"srcStamp\": \"2026-11-23 04:00:00.000001\"}";
    String id = queue.send(OutgoingMessage.of(body));

    ReceivedMessage received = receiveAll(queue, 1, LONG_LEASE).get(0);

    assertThat(received.id()).isEqualTo(id);
    assertThat(received.body()).isEqualTo(body);
    assertThat(received.dequeueCount()).isEqualTo(1);
    assertThat(received.receipt()).isNotNull();
  }

  @Test
  void batch_send_returns_one_id_per_message_and_all_arrive() {
    int count = queue.limits().maxSendBatch() * 2 + 3;
    List<OutgoingMessage> batch =
        IntStream.range(0, count).mapToObj(i -> OutgoingMessage.of("m" + i)).toList();

    List<String> ids = queue.send(batch);
    List<ReceivedMessage> received = receiveAll(queue, count, LONG_LEASE);

    assertThat(ids).hasSize(count).doesNotHaveDuplicates();
    assertThat(received).extracting(ReceivedMessage::id).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void receive_returns_at_most_the_number_asked_for() {
    queue.send(IntStream.range(0, 5).mapToObj(i -> OutgoingMessage.of("m" + i)).toList());

    await()
        .atMost(BOUND)
        .until(() -> queue.depth().visible() + Math.max(0, queue.depth().inFlight()) >= 5);
    List<ReceivedMessage> two = queue.receive(2, LONG_LEASE, NO_WAIT);

    assertThat(two).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void received_message_is_hidden_until_its_lease_expires_and_then_comes_back_counted() {
    queue.send(OutgoingMessage.of("once"));
    ReceivedMessage first = receiveAll(queue, 1, SHORT_LEASE).get(0);

    ReceivedMessage again = receiveAll(queue, 1, LONG_LEASE).get(0);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.dequeueCount()).isEqualTo(2);
  }

  @Test
  void deleted_message_is_never_received_again() {
    queue.send(OutgoingMessage.of("gone"));
    ReceivedMessage m = receiveAll(queue, 1, SHORT_LEASE).get(0);

    List<ReceiptResult> results = queue.delete(List.of(m.receipt()));

    assertThat(results).singleElement().matches(ReceiptResult::succeeded);
    await()
        .during(Duration.ofMillis(1_500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> queue.receive(1, LONG_LEASE, NO_WAIT).isEmpty());
  }

  @Test
  void receipt_of_an_expired_and_redelivered_lease_no_longer_deletes() {
    queue.send(OutgoingMessage.of("stale"));
    ReceivedMessage first = receiveAll(queue, 1, SHORT_LEASE).get(0);
    ReceivedMessage second = receiveAll(queue, 1, LONG_LEASE).get(0);

    List<ReceiptResult> stale = queue.delete(List.of(first.receipt()));
    List<ReceiptResult> current = queue.delete(List.of(second.receipt()));

    assertThat(stale).singleElement().matches(ReceiptResult::leaseLost, "lease lost");
    assertThat(current).singleElement().matches(ReceiptResult::succeeded);
  }

  @Test
  void extending_a_lease_keeps_the_message_hidden_past_its_first_timeout() {
    queue.send(OutgoingMessage.of("long job"));
    ReceivedMessage m = receiveAll(queue, 1, SHORT_LEASE).get(0);

    ReceiptResult extended = queue.changeVisibility(List.of(m.receipt()), LONG_LEASE).get(0);

    assertThat(extended.succeeded()).isTrue();
    assertThat(extended.current()).isNotNull();
    await()
        .during(Duration.ofMillis(2_500))
        .atMost(Duration.ofSeconds(6))
        .until(() -> queue.receive(1, LONG_LEASE, NO_WAIT).isEmpty());
    assertThat(queue.delete(List.of(extended.current())))
        .singleElement()
        .matches(ReceiptResult::succeeded);
  }

  @Test
  void releasing_a_lease_makes_the_message_visible_at_once() {
    queue.send(OutgoingMessage.of("release me"));
    ReceivedMessage m = receiveAll(queue, 1, LONG_LEASE).get(0);

    queue.changeVisibility(List.of(m.receipt()), Duration.ZERO);
    ReceivedMessage again = receiveAll(queue, 1, LONG_LEASE).get(0);

    assertThat(again.id()).isEqualTo(m.id());
  }

  @Test
  void depth_counts_visible_and_leased_messages() {
    queue.send(IntStream.range(0, 4).mapToObj(i -> OutgoingMessage.of("d" + i)).toList());
    receiveAll(queue, 1, LONG_LEASE);

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              QueueDepth depth = queue.depth();
              if (depth.exact() || depth.inFlight() >= 0) {
                assertThat(depth.visible()).isEqualTo(3);
                assertThat(depth.inFlight()).isEqualTo(1);
              } else {
                assertThat(depth.total()).isEqualTo(4);
              }
            });
  }

  @Test
  void peek_shows_messages_without_leasing_them() {
    queue.send(OutgoingMessage.of("look"));

    await().atMost(BOUND).until(() -> !queue.peek(5).isEmpty());
    ReceivedMessage peeked = queue.peek(5).get(0);

    assertThat(peeked.body()).isEqualTo("look");
    assertThat(peeked.receipt()).isNull();
    assertThat(receiveAll(queue, 1, LONG_LEASE).get(0).id()).isEqualTo(peeked.id());
  }

  @Test
  void purge_removes_every_message() {
    queue.send(IntStream.range(0, 7).mapToObj(i -> OutgoingMessage.of("p" + i)).toList());

    queue.purge();

    await().atMost(BOUND).until(() -> queue.depth().isEmpty());
  }

  @Test
  void oversize_message_is_refused_and_nothing_of_its_batch_is_sent() {
    String big = "x".repeat(queue.limits().maxMessageBytes() + 1);

    assertThatThrownBy(
            () -> queue.send(List.of(OutgoingMessage.of("small"), OutgoingMessage.of(big))))
        .isInstanceOf(MessageTooLargeException.class)
        .hasMessageContaining("bytes");
    assertThat(queue.peek(5)).isEmpty();
  }

  @Test
  void sending_to_a_queue_that_does_not_exist_fails_clearly() {
    WorkQueue missing = open(uniqueName("missing"));

    assertThatThrownBy(() -> missing.send(OutgoingMessage.of("lost?")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void competing_receivers_never_hold_the_same_message_at_once() throws Exception {
    int count = 300;
    queue.send(IntStream.range(0, count).mapToObj(i -> OutgoingMessage.of("c" + i)).toList());
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();

    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        workers.add(
            pool.submit(
                () -> {
                  long deadline = System.nanoTime() + BOUND.toNanos();
                  while (seen.size() < count && System.nanoTime() < deadline) {
                    int max = Math.min(10, queue.limits().maxReceiveBatch());
                    for (ReceivedMessage m :
                        queue.receive(max, LONG_LEASE, Duration.ofMillis(100))) {
                      if (!seen.add(m.id())) {
                        duplicates.incrementAndGet();
                      }
                    }
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }

    assertThat(seen).hasSize(count);
    assertThat(duplicates).hasValue(0);
  }
}
