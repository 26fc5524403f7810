package dev.edw.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the Redis queue adds to the contract: plain items from other tools, FIFO, recovery. */
@Tag("redis")
class RedisQueueTest {
  private static final Duration LONG_LEASE = Duration.ofSeconds(60);
  private static final Duration SHORT_LEASE = Duration.ofSeconds(1);
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static RedisServer server;
  private static RedisClient rawClient;
  private static StatefulRedisConnection<String, String> rawConnection;
  private static final RedisBackendProvider PROVIDER = new RedisBackendProvider();

  private final List<WorkQueue> opened = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    server = RedisServer.start();
    rawClient = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
    rawConnection = rawClient.connect();
  }

  @AfterAll
  static void stopServer() {
    if (rawConnection != null) {
      rawConnection.close();
      rawClient.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeQueues() {
    opened.forEach(WorkQueue::close);
  }

  private static RedisCommands<String, String> raw() {
    return rawConnection.sync();
  }

  private static String uniqueName() {
    return "job-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
  }

  private WorkQueue open(String uri, BackendContext context) {
    WorkQueue queue = PROVIDER.openQueue(ResourceUri.parse(uri), context);
    opened.add(queue);
    return queue;
  }

  private WorkQueue open(String name) {
    return open(server.uri(name), BackendContext.system());
  }

  @Test
  void item_pushed_by_another_tool_is_received_as_the_plain_string() {
    String name = uniqueName();
    raw().rpush(name, "temperature1.csv");
    WorkQueue queue = open(name);

    List<ReceivedMessage> received = queue.receive(10, LONG_LEASE, Duration.ZERO);

    assertThat(queue.exists()).isTrue();
    assertThat(received)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.body()).isEqualTo("temperature1.csv");
              assertThat(m.dequeueCount()).isEqualTo(1);
              assertThat(m.id()).isNotBlank();
              assertThat(m.enqueuedAt()).isNotNull();
            });
    assertThat(queue.delete(List.of(received.get(0).receipt())).get(0).succeeded()).isTrue();
    assertThat(queue.depth().isEmpty()).isTrue();
  }

  @Test
  void
      a_full_batch_is_sent_received_and_deleted_with_a_handful_of_commands_not_eleven_per_message() {
    String name = uniqueName();
    WorkQueue queue = open(name);
    queue.createIfMissing();
    List<OutgoingMessage> batch = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      batch.add(OutgoingMessage.of("{\"n\":" + i + "}"));
    }
    raw().configResetstat();

    queue.send(batch);
    List<ReceivedMessage> received = queue.receive(1_000, LONG_LEASE, Duration.ZERO);
    boolean allDeleted =
        queue.delete(received.stream().map(ReceivedMessage::receipt).toList()).stream()
            .allMatch(r -> r.succeeded());
    long commands = commandsSinceReset();

    assertThat(received).hasSize(1_000);
    assertThat(received).allSatisfy(m -> assertThat(m.dequeueCount()).isEqualTo(1));
    assertThat(received.get(0).body()).isEqualTo("{\"n\":0}");
    assertThat(received.get(999).body()).isEqualTo("{\"n\":999}");
    assertThat(allDeleted).isTrue();
    assertThat(queue.depth().isEmpty()).isTrue();
    // three scripts of a fixed number of commands each, whatever the batch (11,000 before)
    assertThat(commands).isLessThan(50);
  }

  @Test
  void the_messages_of_one_receive_share_its_token_and_each_is_still_deleted_on_its_own() {
    WorkQueue queue = open(uniqueName());
    queue.createIfMissing();
    queue.send(List.of(OutgoingMessage.of("a"), OutgoingMessage.of("b"), OutgoingMessage.of("c")));
    List<ReceivedMessage> first = queue.receive(2, LONG_LEASE, Duration.ZERO);
    List<ReceivedMessage> second = queue.receive(2, LONG_LEASE, Duration.ZERO);

    assertThat(first)
        .extracting(m -> m.receipt().handle())
        .hasSize(2)
        .containsOnly(first.get(0).receipt().handle());
    assertThat(second.get(0).receipt().handle()).isNotEqualTo(first.get(0).receipt().handle());
    assertThat(queue.delete(List.of(first.get(1).receipt()))).allMatch(ReceiptResult::succeeded);
    assertThat(queue.depth().inFlight()).isEqualTo(2);
    // the other message of that receive keeps its lease, and is deleted with the same token
    assertThat(queue.delete(List.of(first.get(0).receipt()))).allMatch(ReceiptResult::succeeded);
    assertThat(queue.delete(List.of(first.get(0).receipt()))).noneMatch(ReceiptResult::succeeded);
  }

  @Test
  void the_same_receipt_twice_in_one_delete_deletes_the_message_once() {
    WorkQueue queue = open(uniqueName());
    queue.createIfMissing();
    queue.send(OutgoingMessage.of("once"));
    ReceivedMessage m = queue.receive(1, LONG_LEASE, Duration.ZERO).get(0);

    var results = queue.delete(List.of(m.receipt(), m.receipt()));

    assertThat(results.get(0).succeeded()).isTrue();
    assertThat(results.get(1).succeeded()).isFalse();
  }

  @Test
  void a_plain_item_that_only_starts_like_an_envelope_is_received_as_the_plain_string() {
    String name = uniqueName();
    String text = "{\"edw\":\"not-closed";
    raw().rpush(name, text);
    WorkQueue queue = open(name);

    List<ReceivedMessage> received = queue.receive(10, LONG_LEASE, Duration.ZERO);

    assertThat(received).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(text));
  }

  /** Commands the server ran since CONFIG RESETSTAT, inside scripts or not, but not INFO/CONFIG. */
  private static long commandsSinceReset() {
    long total = 0;
    for (String line : raw().info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")
          && !line.startsWith("cmdstat_info")
          && !line.startsWith("cmdstat_config")) {
        String calls = line.substring(line.indexOf("calls=") + 6);
        total += Long.parseLong(calls.substring(0, calls.indexOf(',')));
      }
    }
    return total;
  }

  @Test
  void items_are_received_oldest_first_whoever_pushed_them() {
    String name = uniqueName();
    raw().rpush(name, "temperature1.csv", "temperature2.csv", "temperature3.csv");
    WorkQueue queue = open(name);
    queue.send(OutgoingMessage.of("temperature4.csv"));
    raw().rpush(name, "temperature5.csv");

    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      bodies.add(queue.receive(1, LONG_LEASE, Duration.ZERO).get(0).body());
    }

    assertThat(bodies)
        .containsExactly(
            "temperature1.csv",
            "temperature2.csv",
            "temperature3.csv",
            "temperature4.csv",
            "temperature5.csv");
  }

  @Test
  void a_crashed_workers_item_comes_back_to_another_receiver_with_dequeue_count_two() {
    String name = uniqueName();
    raw().rpush(name, "temperature1.csv");
    WorkQueue crashing = open(name);
    WorkQueue survivor = open(name);
    ReceivedMessage first = crashing.receive(1, SHORT_LEASE, Duration.ZERO).get(0);
    crashing.close();

    List<ReceivedMessage> again = new ArrayList<>();
    await()
        .atMost(BOUND)
        .until(() -> again.addAll(survivor.receive(1, LONG_LEASE, Duration.ofMillis(200))));

    assertThat(again)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.id()).isEqualTo(first.id());
              assertThat(m.body()).isEqualTo("temperature1.csv");
              assertThat(m.dequeueCount()).isEqualTo(2);
            });
  }

  @Test
  void a_count_is_stored_only_when_a_message_comes_back_and_goes_with_its_delete() {
    String name = uniqueName();
    WorkQueue queue = open(name);
    queue.createIfMissing();
    queue.send(List.of(OutgoingMessage.of("kept"), OutgoingMessage.of("done at once")));
    List<ReceivedMessage> first = queue.receive(2, LONG_LEASE, Duration.ZERO);
    assertThat(first).extracting(ReceivedMessage::dequeueCount).containsExactly(1, 1);
    assertThat(raw().hlen(name + ":counts")).isZero();

    assertThat(queue.delete(List.of(first.get(1).receipt()))).allMatch(ReceiptResult::succeeded);
    assertThat(queue.changeVisibility(List.of(first.get(0).receipt()), Duration.ZERO))
        .allMatch(ReceiptResult::succeeded);
    assertThat(raw().hgetall(name + ":counts")).containsExactly(Map.entry(first.get(0).id(), "1"));
    assertThat(queue.peek(10))
        .singleElement()
        .extracting(ReceivedMessage::dequeueCount)
        .isEqualTo(1);

    ReceivedMessage second = queue.receive(1, SHORT_LEASE, Duration.ZERO).get(0);
    assertThat(second.dequeueCount()).isEqualTo(2);
    List<ReceivedMessage> third = new ArrayList<>();
    await()
        .atMost(BOUND)
        .until(() -> third.addAll(queue.receive(1, LONG_LEASE, Duration.ofMillis(200))));
    assertThat(third).singleElement().extracting(ReceivedMessage::dequeueCount).isEqualTo(3);

    assertThat(queue.delete(List.of(third.get(0).receipt()))).allMatch(ReceiptResult::succeeded);
    assertThat(raw().exists(name + ":counts")).isZero();
  }

  @Test
  void identical_plain_items_get_different_ids_that_stay_stable_when_peeked_first() {
    String name = uniqueName();
    raw().rpush(name, "same.csv", "same.csv");
    WorkQueue queue = open(name);

    List<String> peeked = queue.peek(10).stream().map(ReceivedMessage::id).toList();
    List<String> received =
        queue.receive(10, LONG_LEASE, Duration.ZERO).stream().map(ReceivedMessage::id).toList();

    assertThat(peeked).hasSize(2).doesNotHaveDuplicates();
    assertThat(received).containsExactlyElementsOf(peeked);
  }

  @Test
  void a_list_with_items_but_no_marker_exists_and_an_unknown_name_does_not() {
    String name = uniqueName();
    raw().rpush(name, "x");

    assertThat(open(name).exists()).isTrue();
    assertThat(open(name).createIfMissing()).isFalse();
    assertThat(open(uniqueName()).exists()).isFalse();
  }

  @Test
  void purging_a_list_filled_by_another_tool_empties_it_and_the_queue_still_exists() {
    String name = uniqueName();
    raw().rpush(name, "a", "b", "c");
    WorkQueue queue = open(name);
    queue.receive(1, LONG_LEASE, Duration.ZERO);

    long purged = queue.purge();

    assertThat(purged).isEqualTo(3);
    assertThat(queue.exists()).isTrue();
    assertThat(queue.depth().isEmpty()).isTrue();
  }

  @Test
  void a_message_sent_with_a_delay_counts_as_delayed_until_it_is_due() {
    WorkQueue queue = open(uniqueName());
    queue.createIfMissing();

    queue.send(new OutgoingMessage("later", null, null, Duration.ofMinutes(5)));
    queue.send(new OutgoingMessage("soon", null, null, Duration.ofSeconds(2)));

    assertThat(queue.depth()).isEqualTo(new QueueDepth(0, 0, 2, true));
    List<ReceivedMessage> due = new ArrayList<>();
    await().atMost(BOUND).until(() -> due.addAll(queue.receive(5, LONG_LEASE, Duration.ZERO)));
    assertThat(due).extracting(ReceivedMessage::body).containsExactly("soon");
    assertThat(queue.depth()).isEqualTo(new QueueDepth(0, 1, 1, true));
  }

  @Test
  void a_retry_after_a_delay_keeps_the_message_leased_until_then() {
    WorkQueue queue = open(uniqueName());
    queue.createIfMissing();
    queue.send(OutgoingMessage.of("retry me"));
    ReceivedMessage m = queue.receive(1, LONG_LEASE, Duration.ZERO).get(0);

    queue.changeVisibility(List.of(m.receipt()), Duration.ofSeconds(2));

    assertThat(queue.receive(1, LONG_LEASE, Duration.ZERO)).isEmpty();
    List<ReceivedMessage> again = new ArrayList<>();
    await().atMost(BOUND).until(() -> again.addAll(queue.receive(1, LONG_LEASE, Duration.ZERO)));
    assertThat(again.get(0).dequeueCount()).isEqualTo(2);
  }

  @Test
  void a_long_poll_returns_a_message_pushed_while_it_waits() throws InterruptedException {
    String name = uniqueName();
    WorkQueue queue = open(name);
    queue.createIfMissing();
    Thread pusher =
        Thread.ofVirtual()
            .start(
                () -> {
                  await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                  raw().rpush(name, "late.csv");
                });

    List<ReceivedMessage> received = queue.receive(1, LONG_LEASE, Duration.ofSeconds(10));

    assertThat(received).extracting(ReceivedMessage::body).containsExactly("late.csv");
    pusher.join(BOUND);
  }

  @Test
  void host_port_and_password_default_from_the_environment_for_a_uri_without_a_host() {
    BackendContext context =
        new BackendContext(
            Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(server.port())),
            Clock.systemUTC());
    String name = uniqueName();
    raw().rpush(name, "from-env.csv");

    WorkQueue queue = open("redis:" + name, context);

    assertThat(queue.receive(1, LONG_LEASE, Duration.ZERO))
        .extracting(ReceivedMessage::body)
        .containsExactly("from-env.csv");
  }

  @Test
  void a_key_of_another_type_fails_with_a_clear_message() {
    String name = uniqueName();
    raw().set(name, "not a list");
    WorkQueue queue = open(name);

    assertThatThrownBy(() -> queue.receive(1, LONG_LEASE, Duration.ZERO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("another Redis type");
  }

  @Test
  void password_protected_server_works_with_the_password_in_the_uri_and_never_shows_it() {
    String password = "s3cret-Pa55";
    try (RedisServer secured = RedisServer.start("--requirepass", password)) {
      String name = uniqueName();
      String base = "redis://127.0.0.1:" + secured.port() + "/0/" + name;
      WorkQueue inUserInfo =
          open(
              "redis://:" + password + "@127.0.0.1:" + secured.port() + "/0/" + name,
              BackendContext.system());
      WorkQueue inParam = open(base + "?password=" + password, BackendContext.system());
      WorkQueue wrong = open(base + "?password=wrong-" + password, BackendContext.system());
      WorkQueue none = open(base, BackendContext.system());

      inUserInfo.createIfMissing();
      inUserInfo.send(OutgoingMessage.of("secret work"));

      assertThat(inParam.receive(1, LONG_LEASE, Duration.ZERO))
          .extracting(ReceivedMessage::body)
          .containsExactly("secret work");
      assertThat(inUserInfo.uri().toString()).doesNotContain(password);
      assertThat(inUserInfo.uri().format()).contains(password);
      for (WorkQueue refused : List.of(wrong, none)) {
        Throwable failure = catchFailure(refused);
        assertThat(failure).isInstanceOf(InvalidInputException.class);
        assertThat(failure.getMessage()).contains("credentials").doesNotContain(password);
        assertThat(stackTrace(failure)).doesNotContain(password);
      }
    }
  }

  private static Throwable catchFailure(WorkQueue queue) {
    try {
      queue.depth();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected " + queue.uri() + " to fail");
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
