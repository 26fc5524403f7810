package dev.edw.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.testkit.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fresh messages are leased a range at a time without writing their rows; what the SPI promises
 * (WorkQueueContract) holds for every way a message leaves a range: done, its lease run out, its
 * visibility changed, delayed past the cursor, or leased one by one by an older version of edw.
 */
class SqliteRangeLeaseTest {
  private static final SqliteBackendProvider PROVIDER = new SqliteBackendProvider();
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration NO_WAIT = Duration.ZERO;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));
  private WorkQueue queue;

  private WorkQueue open() {
    return PROVIDER.openQueue(
        ResourceUri.parse("sqlite:" + dir.resolve("r.db") + "#jobs"),
        new BackendContext(Map.of(), clock));
  }

  @BeforeEach
  void createQueue() {
    queue = open();
    queue.createIfMissing();
  }

  @AfterEach
  void closeQueue() {
    queue.close();
  }

  private void send(String... bodies) {
    queue.send(List.of(bodies).stream().map(OutgoingMessage::of).toList());
  }

  private List<String> bodies(List<ReceivedMessage> received) {
    return received.stream().map(ReceivedMessage::body).toList();
  }

  private List<Integer> counts(List<ReceivedMessage> received) {
    return received.stream().map(ReceivedMessage::dequeueCount).toList();
  }

  private long sql(String query) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("r.db"));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(query.replace("$q", table(s)))) {
      return rows.next() ? rows.getLong(1) : -1;
    }
  }

  private void update(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("r.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate(statement.replace("$q", table(s)));
    }
  }

  private static String table(Statement s) throws SQLException {
    try (ResultSet row =
        s.executeQuery("SELECT id FROM edw_catalog WHERE kind = 'QUEUE' AND name = 'jobs'")) {
      row.next();
      return "edw_q_" + row.getLong(1);
    }
  }

  @Test
  void fresh_messages_are_leased_as_one_range_without_writing_their_rows_and_it_goes_when_done()
      throws Exception {
    send("a", "b", "c", "d");

    List<ReceivedMessage> received = queue.receive(10, LEASE, NO_WAIT);

    assertThat(bodies(received)).containsExactly("a", "b", "c", "d");
    assertThat(counts(received)).containsOnly(1);
    assertThat(sql("SELECT count(*) FROM $q WHERE lease IS NULL AND dequeue_count = 0"))
        .isEqualTo(4);
    assertThat(sql("SELECT count(*) FROM edw_ranges")).isEqualTo(1);
    assertThat(queue.receive(10, LEASE, NO_WAIT)).isEmpty();

    queue.delete(received.subList(0, 3).stream().map(ReceivedMessage::receipt).toList());
    assertThat(sql("SELECT count(*) FROM edw_ranges")).as("one message left").isEqualTo(1);
    queue.delete(List.of(received.get(3).receipt()));

    assertThat(sql("SELECT count(*) FROM edw_ranges")).isZero();
    assertThat(queue.depth().total()).isZero();
  }

  @Test
  void a_range_whose_lease_runs_out_hands_back_only_the_messages_not_done_counted_twice() {
    send("a", "b", "c");
    List<ReceivedMessage> first = queue.receive(10, LEASE, NO_WAIT);
    queue.delete(List.of(first.get(1).receipt()));

    clock.advance(LEASE.plusMillis(1));
    List<ReceivedMessage> again = queue.receive(10, LEASE, NO_WAIT);

    assertThat(bodies(again)).containsExactly("a", "c");
    assertThat(counts(again)).containsOnly(2);
    assertThat(again.get(0).id()).isEqualTo(first.get(0).id());
    List<ReceiptResult> stale = queue.delete(List.of(first.get(0).receipt()));
    assertThat(stale.get(0).leaseLost()).as("received again since").isTrue();
    assertThat(queue.delete(List.of(again.get(0).receipt())).get(0).succeeded()).isTrue();
  }

  @Test
  void the_receipt_of_a_range_that_ran_out_still_deletes_until_its_message_is_received_again() {
    send("a");
    ReceivedMessage m = queue.receive(1, LEASE, NO_WAIT).get(0);
    clock.advance(LEASE.multipliedBy(2));

    assertThat(queue.depth().visible()).isEqualTo(1);
    assertThat(queue.delete(List.of(m.receipt())).get(0).succeeded()).isTrue();

    assertThat(queue.receive(10, LEASE, NO_WAIT)).isEmpty();
  }

  @Test
  void a_delayed_message_among_fresh_ones_is_passed_by_and_received_once_it_is_due()
      throws Exception {
    queue.send(
        List.of(
            OutgoingMessage.of("a"),
            new OutgoingMessage("later", null, null, Duration.ofSeconds(10)),
            OutgoingMessage.of("c")));

    assertThat(bodies(queue.receive(10, LEASE, NO_WAIT))).containsExactly("a", "c");
    QueueDepth depth = queue.depth();
    assertThat(List.of(depth.visible(), depth.inFlight(), depth.delayed()))
        .containsExactly(0L, 2L, 1L);
    assertThat(sql("SELECT lease FROM $q WHERE body = 'later'")).isZero();
    assertThat(queue.receive(10, LEASE, NO_WAIT)).isEmpty();

    clock.advance(Duration.ofSeconds(10));
    List<ReceivedMessage> due = queue.receive(10, LEASE, NO_WAIT);

    assertThat(bodies(due)).containsExactly("later");
    assertThat(counts(due)).containsExactly(1);
    assertThat(queue.delete(List.of(due.get(0).receipt())).get(0).succeeded()).isTrue();
  }

  @Test
  void releasing_one_message_of_a_range_leaves_the_others_leased_under_it() {
    send("a", "b", "c");
    List<ReceivedMessage> first = queue.receive(10, LEASE, NO_WAIT);

    ReceiptResult released =
        queue.changeVisibility(List.of(first.get(1).receipt()), Duration.ZERO).get(0);

    assertThat(released.succeeded()).isTrue();
    assertThat(queue.depth().visible()).isEqualTo(1);
    assertThat(queue.peek(10)).extracting(ReceivedMessage::body).containsExactly("b");
    List<ReceivedMessage> again = queue.receive(10, LEASE, NO_WAIT);
    assertThat(bodies(again)).containsExactly("b");
    assertThat(counts(again)).containsExactly(2);
    List<ReceiptResult> done =
        queue.delete(List.of(first.get(0).receipt(), first.get(2).receipt()));
    assertThat(done).allMatch(ReceiptResult::succeeded);
    assertThat(queue.delete(List.of(first.get(1).receipt())).get(0).leaseLost()).isTrue();
  }

  @Test
  void a_batch_deleted_out_of_order_with_a_stale_receipt_among_them_fails_that_one_alone()
      throws Exception {
    send(IntStream.range(0, 40).mapToObj(i -> "m" + i).toArray(String[]::new));
    List<ReceivedMessage> first = queue.receive(40, LEASE, NO_WAIT);
    assertThat(queue.changeVisibility(List.of(first.get(20).receipt()), Duration.ZERO))
        .allMatch(ReceiptResult::succeeded);
    ReceivedMessage again = queue.receive(1, LEASE, NO_WAIT).get(0);
    List<Receipt> shuffled = new ArrayList<>(first.stream().map(ReceivedMessage::receipt).toList());
    Collections.shuffle(shuffled, new Random(7));

    List<ReceiptResult> done = queue.delete(shuffled);

    assertThat(done).hasSize(40);
    assertThat(done)
        .filteredOn(r -> !r.succeeded())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.requested()).isEqualTo(first.get(20).receipt());
              assertThat(r.leaseLost()).isTrue();
            });
    assertThat(queue.depth().inFlight()).isEqualTo(1);
    assertThat(queue.delete(List.of(again.receipt()))).allMatch(ReceiptResult::succeeded);
    assertThat(sql("SELECT count(*) FROM $q")).isZero();
    assertThat(sql("SELECT count(*) FROM edw_ranges")).isZero();
  }

  @Test
  void
      deleting_every_other_message_of_a_range_leaves_the_others_leased_until_their_lease_runs_out() {
    send(IntStream.range(0, 40).mapToObj(i -> "m" + i).toArray(String[]::new));
    List<ReceivedMessage> first = queue.receive(40, LEASE, NO_WAIT);
    List<Receipt> everyOther = new ArrayList<>();
    for (int i = 0; i < first.size(); i += 2) {
      everyOther.add(first.get(i).receipt());
    }

    assertThat(queue.delete(everyOther)).hasSize(20).allMatch(ReceiptResult::succeeded);

    assertThat(queue.depth().inFlight()).isEqualTo(20);
    clock.advance(LEASE.plusSeconds(1));
    List<ReceivedMessage> back = queue.receive(40, LEASE, NO_WAIT);
    assertThat(bodies(back))
        .containsExactlyElementsOf(
            IntStream.range(0, 20).mapToObj(i -> "m" + (2 * i + 1)).toList());
  }

  @Test
  void depth_and_peek_count_messages_of_a_live_range_as_in_flight() {
    send("a", "b", "c", "d");

    queue.receive(2, LEASE, NO_WAIT);

    QueueDepth depth = queue.depth();
    assertThat(List.of(depth.visible(), depth.inFlight(), depth.delayed()))
        .containsExactly(2L, 2L, 0L);
    assertThat(queue.peek(10)).extracting(ReceivedMessage::body).containsExactly("c", "d");
  }

  @Test
  void a_queue_whose_messages_were_leased_row_by_row_by_an_older_version_is_received_in_full()
      throws Exception {
    send("a", "b", "c");
    long until = clock.millis() + 10_000;
    // the older layout: a leased row carries its lease and visibility; no cursor, no index
    update(
        "UPDATE $q SET lease = 42, dequeue_count = 1, visible_at = " + until + " WHERE body = 'b'");
    update("DROP INDEX $q_leased");
    queue.close();
    queue = open();

    assertThat(bodies(queue.receive(10, LEASE, NO_WAIT))).containsExactly("a", "c");
    clock.advance(Duration.ofSeconds(10));
    List<ReceivedMessage> expired = queue.receive(10, LEASE, NO_WAIT);

    assertThat(bodies(expired)).containsExactly("b");
    assertThat(counts(expired)).containsExactly(2);
    assertThat(sql("SELECT count(*) FROM sqlite_master WHERE name = '$q_leased'")).isEqualTo(1);
  }

  @Test
  void many_receives_and_deletes_leave_no_range_behind() throws Exception {
    queue.send(IntStream.range(0, 1_000).mapToObj(i -> OutgoingMessage.of("m" + i)).toList());

    int done = 0;
    while (true) {
      List<ReceivedMessage> batch = queue.receive(37, LEASE, NO_WAIT);
      if (batch.isEmpty()) {
        break;
      }
      assertThat(queue.delete(batch.stream().map(ReceivedMessage::receipt).toList()))
          .allMatch(ReceiptResult::succeeded);
      done += batch.size();
    }

    assertThat(done).isEqualTo(1_000);
    assertThat(sql("SELECT count(*) FROM edw_ranges")).isZero();
    assertThat(sql("SELECT claimed_through FROM edw_cursor")).isEqualTo(1_000);
  }
}
