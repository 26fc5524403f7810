package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.aws.LocalAws;
import dev.edw.core.backend.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code edw copy} between the embedded store, ElasticMQ (SQS) and DynamoDB Local. */
@ExtendWith(LocalAws.class)
class CopyCommandTest {
  /** Dummy keys, passed to the child process as real ones would be. */
  private static final Map<String, String> AWS_ENV =
      Map.of(
          "AWS_ACCESS_KEY_ID", "testKeyId",
          "AWS_SECRET_ACCESS_KEY", "testSecret",
          "AWS_REGION", "us-east-1");

  @TempDir Path dir;
  private Backends backends;

  @BeforeEach
  void open() {
    backends = new Backends(new BackendContext(AWS_ENV, Clock.systemUTC()));
  }

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, AWS_ENV, args);
  }

  private static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  private String sqlite(String file, String name) {
    return "sqlite:" + dir.resolve(file) + "#" + name;
  }

  private static String sqs(String name) {
    return "sqs://us-east-1/" + name + "?endpoint=" + LocalAws.sqsEndpoint();
  }

  private static String dynamoDb(String name) {
    return "dynamodb://us-east-1/" + name + "?endpoint=" + LocalAws.dynamoDbEndpoint();
  }

  private List<String> fillQueue(String uri, int count) {
    List<String> bodies =
        IntStream.range(0, count).mapToObj(i -> "{\"n\":" + i + ",\"pad\":\"x\"}").toList();
    try (WorkQueue q = backends.queue(uri)) {
      q.createIfMissing();
      q.send(bodies.stream().map(OutgoingMessage::of).toList());
    }
    return bodies;
  }

  private List<String> drain(String uri) {
    List<String> out = new ArrayList<>();
    try (WorkQueue q = backends.queue(uri)) {
      List<ReceivedMessage> batch;
      while (!(batch =
              q.receive(q.limits().maxReceiveBatch(), Duration.ofMinutes(1), Duration.ZERO))
          .isEmpty()) {
        batch.forEach(m -> out.add(m.body()));
        q.delete(batch.stream().map(ReceivedMessage::receipt).toList());
      }
    }
    return out;
  }

  private QueueDepth depth(String uri) {
    try (WorkQueue q = backends.queue(uri)) {
      return q.depth();
    }
  }

  private long count(String uri) {
    try (ResultTable t = backends.table(uri)) {
      return t.count();
    }
  }

  @Test
  void sqlite_queue_to_sqs_and_back_loses_nothing_and_duplicates_nothing() throws Exception {
    String source = sqlite("a.db", "orders");
    String middle = sqs(unique("orders"));
    String back = sqlite("b.db", "orders");
    List<String> sent = fillQueue(source, 137);

    EdwProcess.Result there = edw("copy", source, middle);
    QueueDepth sourceAfter = depth(source);
    EdwProcess.Result home = edw("copy", middle, back);

    assertThat(there.exitCode()).as(there.stderr()).isZero();
    assertThat(there.stdout()).contains("copied 137 message(s) from sqlite:").contains("to sqs:");
    assertThat(sourceAfter.isEmpty()).isTrue();
    assertThat(home.exitCode()).as(home.stderr()).isZero();
    assertThat(home.stdout()).contains("copied 137 message(s) from sqs:");
    assertThat(depth(middle).total()).isZero();
    assertThat(drain(back)).hasSize(137).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void dynamodb_table_to_sqlite_twice_leaves_the_same_rows() throws Exception {
    String source = dynamoDb(unique("results"));
    String target = sqlite("t.db", "results");
    try (ResultTable t = backends.table(source)) {
      t.createIfMissing();
      t.upsert(
          IntStream.range(0, 180)
              .mapToObj(i -> new Entity("p" + (i % 9), "r" + i, Map.of("data", "v" + i, "n", 1L)))
              .toList());
    }

    EdwProcess.Result first = edw("copy", source, target);
    EdwProcess.Result again = edw("copy", source, target);

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).contains("copied 180 row(s) from dynamodb:");
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(count(target)).isEqualTo(180);
    try (ResultTable t = backends.table(target)) {
      assertThat(t.get("p4", "r13").orElseThrow().getString("data")).isEqualTo("v13");
    }
  }

  @Test
  void a_target_on_a_closed_port_leaves_every_message_in_the_source_and_exits_non_zero()
      throws Exception {
    String source = sqlite("a.db", "orders");
    String closed = "sqs://us-east-1/orders?endpoint=http://127.0.0.1:" + LocalAws.freePort();
    fillQueue(source, 25);

    EdwProcess.Result r = edw("copy", source, closed);

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_UNAVAILABLE);
    assertThat(r.stderr()).contains("edw copy: copy from sqlite:").contains("stopped after 0");
    QueueDepth left = depth(source);
    assertThat(left.visible()).isEqualTo(25);
    assertThat(left.inFlight()).isZero();
  }

  @Test
  void a_sqlite_name_that_is_both_a_queue_and_a_table_asks_for_the_kind() throws Exception {
    String both = sqlite("a.db", "both");
    fillQueue(both, 1);
    try (ResultTable t = backends.table(both)) {
      t.createIfMissing();
    }

    EdwProcess.Result r = edw("copy", both, sqlite("b.db", "both"));
    EdwProcess.Result asQueue = edw("copy", "--kind", "queue", both, sqlite("b.db", "both"));

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("--kind queue or --kind table");
    assertThat(asQueue.exitCode()).as(asQueue.stderr()).isZero();
    assertThat(asQueue.stdout()).contains("copied 1 message(s)");
  }
}
