package dev.edw.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueCopierTest {
  private static final CopyOptions FAST = CopyOptions.DEFAULT.withReceiveWait(Duration.ZERO);

  @TempDir Path dir;
  private Backends backends;
  private final List<WorkQueue> opened = new ArrayList<>();
  private final Clock clock = Clock.systemUTC();

  @BeforeEach
  void open() {
    backends = new Backends(new BackendContext(Map.of(), clock));
  }

  @AfterEach
  void close() {
    opened.forEach(WorkQueue::close);
  }

  private WorkQueue queue(String file, String name) {
    WorkQueue q = backends.queue("sqlite:" + dir.resolve(file) + "#" + name);
    opened.add(q);
    return q;
  }

  private static List<String> bodies(int count) {
    return IntStream.range(0, count).mapToObj(i -> "{\"n\":" + i + "}").toList();
  }

  private static void fill(WorkQueue q, List<String> bodies) {
    q.createIfMissing();
    q.send(bodies.stream().map(OutgoingMessage::of).toList());
  }

  private static List<String> drain(WorkQueue q) {
    List<String> out = new ArrayList<>();
    List<ReceivedMessage> batch;
    while (!(batch = q.receive(q.limits().maxReceiveBatch(), Duration.ofMinutes(1), Duration.ZERO))
        .isEmpty()) {
      batch.forEach(m -> out.add(m.body()));
      q.delete(batch.stream().map(ReceivedMessage::receipt).toList());
    }
    return out;
  }

  @Test
  void every_message_moves_to_the_target_once_and_the_source_ends_empty() {
    WorkQueue source = queue("a.db", "orders");
    WorkQueue target = queue("b.db", "orders");
    List<String> sent = bodies(250);
    fill(source, sent);
    List<Long> progress = new ArrayList<>();

    CopyReport report = new QueueCopier(FAST, clock).copy(source, target, progress::add);

    assertThat(report.copied()).isEqualTo(250);
    assertThat(report.summary()).startsWith("copied 250 message(s) from sqlite:");
    assertThat(progress).isNotEmpty().last().isEqualTo(250L);
    assertThat(source.depth().isEmpty()).isTrue();
    assertThat(drain(target)).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void a_target_that_refuses_leaves_every_unsent_message_visible_in_the_source() {
    WorkQueue source = queue("a.db", "orders");
    WorkQueue target = new RefusingQueue(queue("b.db", "orders"), 5, 2);
    List<String> sent = bodies(40);
    fill(source, sent);

    assertThatThrownBy(() -> new QueueCopier(FAST, clock).copy(source, target, c -> {}))
        .isInstanceOf(CopyFailedException.class)
        .hasMessageContaining("stopped after 10 message(s)")
        .hasMessageContaining("connection refused")
        .satisfies(e -> assertThat(((CopyFailedException) e).retryable()).isTrue());

    QueueDepth left = source.depth();
    assertThat(left.visible()).isEqualTo(30);
    assertThat(left.inFlight()).isZero();
    List<String> inTarget = drain(queue("b.db", "orders"));
    assertThat(inTarget).hasSize(10);
    assertThat(drain(source)).hasSize(30).doesNotContainAnyElementsOf(inTarget);
  }

  @Test
  void messages_whose_source_delete_fails_are_counted_and_stay_in_the_source() {
    WorkQueue real = queue("a.db", "orders");
    fill(real, bodies(12));
    WorkQueue source = RefusingQueue.refusingDeletes(real);
    WorkQueue target = queue("b.db", "orders");

    CopyReport report = new QueueCopier(FAST, clock).copy(source, target, c -> {});

    assertThat(report.copied()).isEqualTo(12);
    assertThat(report.undeleted()).isEqualTo(12);
    assertThat(report.summary()).contains("12 of them could not be deleted from the source");
    assertThat(real.depth().inFlight()).isEqualTo(12);
  }

  @Test
  void keep_source_copies_every_message_and_releases_them_all_in_the_source() {
    WorkQueue source = queue("a.db", "orders");
    WorkQueue target = queue("b.db", "orders");
    List<String> sent = bodies(70);
    fill(source, sent);

    CopyReport report =
        new QueueCopier(FAST.withKeepSource(true), clock).copy(source, target, c -> {});

    assertThat(report.copied()).isEqualTo(70);
    assertThat(source.depth().visible()).isEqualTo(70);
    assertThat(source.peek(1).get(0).dequeueCount()).isEqualTo(1);
    assertThat(drain(target)).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(drain(source)).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void group_ids_travel_with_their_messages() {
    WorkQueue source = queue("a.db", "orders");
    WorkQueue target = queue("b.db", "orders");
    source.createIfMissing();
    source.send(
        List.of(
            new OutgoingMessage("a1", "a", null, Duration.ZERO),
            new OutgoingMessage("b1", "b", null, Duration.ZERO)));

    new QueueCopier(FAST, clock).copy(source, target, c -> {});

    assertThat(target.receive(10, Duration.ofMinutes(1), Duration.ZERO))
        .extracting(ReceivedMessage::body, ReceivedMessage::groupId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a1", "a"),
            org.assertj.core.groups.Tuple.tuple("b1", "b"));
  }

  @Test
  void keep_source_refuses_an_ordered_queue_and_leaves_it_as_it_was() {
    WorkQueue source = queue("a.db", "orders");
    WorkQueue target = queue("b.db", "orders");
    source.createIfMissing();
    source.send(List.of(new OutgoingMessage("a1", "a", null, Duration.ZERO)));

    assertThatThrownBy(
            () -> new QueueCopier(FAST.withKeepSource(true), clock).copy(source, target, c -> {}))
        .isInstanceOf(CopyFailedException.class)
        .hasMessageContaining("--keep-source cannot copy an ordered queue");

    assertThat(source.depth().visible()).isEqualTo(1);
    assertThat(target.depth().isEmpty()).isTrue();
  }

  @Test
  void a_missing_source_is_not_found_and_no_target_is_created() {
    WorkQueue source = queue("a.db", "absent");
    WorkQueue target = queue("b.db", "orders");

    assertThatThrownBy(() -> new QueueCopier(FAST, clock).copy(source, target, c -> {}))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(target.exists()).isFalse();
  }

  @Test
  void a_produced_message_copied_twice_keeps_its_key_and_makes_one_row_not_two() throws Exception {
    WorkQueue source = queue("a.db", "orders");
    WorkQueue target = queue("b.db", "orders");
    new dev.edw.core.producer.Producer(
            source, dev.edw.core.producer.ProducerOptions.count(20), clock, "r9")
        .run(n -> {});
    QueueCopier twice = new QueueCopier(FAST.withKeepSource(true), clock);

    twice.copy(source, target, c -> {});
    twice.copy(source, target, c -> {});

    var processor = new dev.edw.core.processor.RecordProcessor(clock);
    java.util.Set<String> rows = new java.util.HashSet<>();
    List<ReceivedMessage> batch;
    int messages = 0;
    while (!(batch = target.receive(100, Duration.ofMinutes(1), Duration.ZERO)).isEmpty()) {
      for (ReceivedMessage m : batch) {
        var row = processor.process(m).entities().get(0);
        rows.add(row.partitionKey() + "|" + row.rowKey());
        messages++;
      }
    }
    assertThat(messages).isEqualTo(40);
    assertThat(rows).hasSize(20).allMatch(r -> r.startsWith("r9-"));
  }
}
