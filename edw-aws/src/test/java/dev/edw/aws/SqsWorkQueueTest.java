package dev.edw.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

/** SQS behaviour beyond the contract, against ElasticMQ in this JVM. */
@Tag("aws")
@ExtendWith(LocalAws.class)
class SqsWorkQueueTest {
  private static final Duration LONG_LEASE = Duration.ofSeconds(60);
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final List<WorkQueue> opened = new ArrayList<>();

  @AfterEach
  void closeQueues() {
    opened.forEach(WorkQueue::close);
  }

  private static String unique(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36) + "-" + COUNTER.incrementAndGet();
  }

  private WorkQueue created(String name) {
    WorkQueue queue = LocalAws.PROVIDER.openQueue(LocalAws.sqsUri(name), LocalAws.CONTEXT);
    opened.add(queue);
    queue.createIfMissing();
    return queue;
  }

  private WorkQueue createdWith(String name, RequestLog log) {
    ResourceUri uri = LocalAws.sqsUri(name);
    WorkQueue queue =
        new SqsWorkQueue(
            SqsAddress.from(uri, LocalAws.CONTEXT), SqsOptions.from(uri), LocalAws.sqsClient(log));
    opened.add(queue);
    queue.createIfMissing();
    return queue;
  }

  @Test
  void fifo_order_within_a_group_holds_while_several_receivers_consume_several_groups()
      throws Exception {
    WorkQueue queue = created(unique("ordered") + ".fifo");
    int groups = 4;
    int perGroup = 15;
    List<OutgoingMessage> messages = new ArrayList<>();
    for (int i = 0; i < perGroup; i++) {
      for (int g = 0; g < groups; g++) {
        messages.add(new OutgoingMessage("g" + g + ":" + i, "g" + g, null, Duration.ZERO));
      }
    }
    queue.send(messages);
    Map<String, List<Integer>> processed = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();

    try (ExecutorService pool = Executors.newFixedThreadPool(groups)) {
      List<Future<?>> receivers = new ArrayList<>();
      for (int r = 0; r < groups; r++) {
        receivers.add(
            pool.submit(
                () -> {
                  long deadline = System.nanoTime() + BOUND.toNanos();
                  while (done.get() < messages.size() && System.nanoTime() < deadline) {
                    List<ReceivedMessage> batch =
                        queue.receive(3, LONG_LEASE, Duration.ofSeconds(1));
                    for (ReceivedMessage m : batch) {
                      String[] parts = m.body().split(":");
                      assertThat(m.groupId()).isEqualTo(parts[0]);
                      processed
                          .computeIfAbsent(
                              parts[0], g -> Collections.synchronizedList(new ArrayList<>()))
                          .add(Integer.parseInt(parts[1]));
                    }
                    if (!batch.isEmpty()) {
                      queue.delete(batch.stream().map(ReceivedMessage::receipt).toList());
                      done.addAndGet(batch.size());
                    }
                  }
                }));
      }
      for (Future<?> receiver : receivers) {
        receiver.get(BOUND.toSeconds() + 10, TimeUnit.SECONDS);
      }
    }

    List<Integer> inOrder = IntStream.range(0, perGroup).boxed().toList();
    assertThat(processed).hasSize(groups);
    processed.forEach(
        (group, seen) -> assertThat(seen).as(group).containsExactlyElementsOf(inOrder));
  }

  @Test
  void fifo_message_without_a_group_goes_to_the_default_group() {
    WorkQueue queue = created(unique("nogroup") + ".fifo");

    queue.send(OutgoingMessage.of("plain"));
    ReceivedMessage m = receiveOne(queue);

    assertThat(m.groupId()).isEqualTo(SqsOptions.DEFAULT_GROUP_ID);
    assertThat(m.enqueuedAt()).isNotNull();
    assertThat(m.dequeueCount()).isEqualTo(1);
  }

  @Test
  void fifo_drops_a_repeat_of_the_same_deduplication_id_but_keeps_equal_bodies_without_one() {
    WorkQueue queue = created(unique("dedup") + ".fifo");

    queue.send(
        List.of(
            new OutgoingMessage("same", "g", "id-1", Duration.ZERO),
            new OutgoingMessage("same", "g", "id-1", Duration.ZERO),
            OutgoingMessage.of("twin"),
            OutgoingMessage.of("twin")));

    await().atMost(BOUND).until(() -> queue.depth().visible() == 3);
    assertThat(queue.depth().visible()).isEqualTo(3);
  }

  @Test
  void fifo_queue_refuses_a_per_message_delay_before_sending_anything() {
    WorkQueue queue = created(unique("nodelay") + ".fifo");

    assertThatThrownBy(
            () ->
                queue.send(
                    List.of(
                        OutgoingMessage.of("now"),
                        new OutgoingMessage("later", null, null, Duration.ofSeconds(5)))))
        .isInstanceOf(InvalidInputException.class);
    assertThat(queue.depth().total()).isZero();
  }

  @Test
  void poison_queue_of_a_fifo_queue_is_a_fifo_queue_sqs_accepts() {
    WorkQueue queue = created(unique("orders") + ".fifo");

    String poison = queue.poisonQueueName();
    WorkQueue poisonQueue =
        LocalAws.PROVIDER.openQueue(queue.uri().withName(poison), LocalAws.CONTEXT);
    opened.add(poisonQueue);

    assertThat(poison).endsWith("-poison.fifo");
    assertThat(poisonQueue.createIfMissing()).isTrue();
    assertThat(poisonQueue.send(new OutgoingMessage("bad", "g", null, Duration.ZERO))).isNotBlank();
  }

  @Test
  void batch_send_of_25_goes_out_in_calls_of_at_most_10() {
    RequestLog log = new RequestLog();
    WorkQueue queue = createdWith(unique("batches"), log);

    List<String> ids =
        queue.send(IntStream.range(0, 25).mapToObj(i -> OutgoingMessage.of("b" + i)).toList());

    assertThat(ids).hasSize(25).doesNotHaveDuplicates();
    assertThat(log.of(SendMessageBatchRequest.class))
        .extracting(r -> r.entries().size())
        .containsExactly(10, 10, 5);
    await().atMost(BOUND).until(() -> queue.depth().visible() == 25);
  }

  @Test
  void deleting_with_a_stale_receipt_reports_only_that_item_as_lease_lost() {
    WorkQueue queue = created(unique("stale"));
    queue.send(List.of(OutgoingMessage.of("a"), OutgoingMessage.of("b")));
    List<ReceivedMessage> first = receiveAll(queue, 2, Duration.ofSeconds(1));
    List<ReceivedMessage> again = receiveAll(queue, 2, LONG_LEASE);
    Receipt stale = first.get(0).receipt();
    Receipt current = again.get(0).receipt();

    List<ReceiptResult> extended = queue.changeVisibility(List.of(stale), LONG_LEASE);
    List<ReceiptResult> deleted = queue.delete(List.of(stale, current));

    assertThat(extended).singleElement().matches(ReceiptResult::leaseLost);
    assertThat(deleted.get(0).leaseLost()).isTrue();
    assertThat(deleted.get(0).requested()).isEqualTo(stale);
    assertThat(deleted.get(1).succeeded()).isTrue();
  }

  @Test
  void an_endpoint_that_refuses_connections_gives_a_retryable_backend_unavailable() {
    ResourceUri uri =
        ResourceUri.parse(
            "sqs://us-east-1/orders?endpoint=http://127.0.0.1:" + LocalAws.freePort());
    WorkQueue queue = LocalAws.PROVIDER.openQueue(uri, LocalAws.CONTEXT);
    opened.add(queue);

    assertThatThrownBy(() -> queue.send(OutgoingMessage.of("lost")))
        .isInstanceOf(BackendUnavailableException.class)
        .matches(e -> ((EdwException) e).retryable())
        .hasMessageNotContaining("testSecret");
  }

  @Test
  void queue_opened_by_its_full_url_is_the_same_queue() {
    WorkQueue byName = created(unique("byurl"));
    byName.send(OutgoingMessage.of("hello"));
    String url = LocalAws.sqsEndpoint() + "/000000000000/" + byName.name();

    WorkQueue byUrl =
        LocalAws.PROVIDER.openQueue(ResourceUri.parse("sqs:" + url), LocalAws.CONTEXT);
    opened.add(byUrl);

    assertThat(byUrl.exists()).isTrue();
    assertThat(receiveOne(byUrl).body()).isEqualTo("hello");
  }

  private static ReceivedMessage receiveOne(WorkQueue queue) {
    return receiveAll(queue, 1, LONG_LEASE).get(0);
  }

  private static List<ReceivedMessage> receiveAll(WorkQueue queue, int count, Duration lease) {
    List<ReceivedMessage> all = new ArrayList<>();
    await()
        .atMost(BOUND)
        .pollDelay(Duration.ZERO)
        .until(
            () -> {
              all.addAll(queue.receive(count - all.size(), lease, Duration.ofSeconds(1)));
              return all.size() >= count;
            });
    return all;
  }
}
