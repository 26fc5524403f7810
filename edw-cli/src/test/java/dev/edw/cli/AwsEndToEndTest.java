package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.aws.LocalAws;
import dev.edw.core.backend.Backends;
import dev.edw.core.producer.Producer;
import dev.edw.core.producer.ProducerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code edw produce} and {@code edw consume} as OS processes on SQS (ElasticMQ) and DynamoDB
 * (DynamoDB Local): the full path, poison messages on standard and FIFO queues, and a drain.
 */
@Tag("aws")
@ExtendWith(LocalAws.class)
class AwsEndToEndTest {
  private static final Duration BOUND = Duration.ofSeconds(90);

  @TempDir Path dir;
  private Backends backends;

  @BeforeEach
  void open() {
    backends = new Backends(new BackendContext(AwsCli.ENV, Clock.systemUTC()));
  }

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, AwsCli.ENV, args);
  }

  private Process consumer(String queue, String table, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "consume",
                "--queue",
                queue,
                "--table",
                table,
                "--metrics-port",
                "-1",
                "--max-idle-poll",
                "200ms"));
    args.addAll(List.of(more));
    return EdwProcess.start(dir, AwsCli.ENV, args.toArray(String[]::new));
  }

  private static int exitOf(Process p) throws InterruptedException {
    if (!p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("edw consume did not finish within " + BOUND);
    }
    return p.exitValue();
  }

  /** Messages on a queue; 0 for one that does not exist (a poison queue is made on first use). */
  private long total(String queue) {
    try (WorkQueue q = backends.queue(queue)) {
      return q.exists() ? q.depth().total() : 0;
    }
  }

  private long count(String table) {
    try (ResultTable t = backends.table(table)) {
      return t.count();
    }
  }

  private void produce(String queue, int count, int groups) throws InterruptedException {
    try (WorkQueue q = backends.queue(queue)) {
      new Producer(q, new ProducerOptions(count, null, 0, 0, 500, 4, groups), Clock.systemUTC())
          .run(n -> {});
    }
  }

  /** Every message left on {@code queue}, received and deleted. */
  private List<ReceivedMessage> takeAll(String queue) {
    List<ReceivedMessage> out = new ArrayList<>();
    try (WorkQueue q = backends.queue(queue)) {
      List<ReceivedMessage> batch;
      while (!(batch = q.receive(10, Duration.ofMinutes(1), Duration.ZERO)).isEmpty()) {
        out.addAll(batch);
        q.delete(batch.stream().map(ReceivedMessage::receipt).toList());
      }
    }
    return out;
  }

  private static List<Map<String, AttributeValue>> scan(String tableName) {
    try (DynamoDbClient client =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(LocalAws.dynamoDbEndpoint()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("testKeyId", "testSecret")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      return client.scanPaginator(r -> r.tableName(tableName)).items().stream().toList();
    }
  }

  @Test
  void produce_and_two_consumers_until_empty_write_exactly_one_seed_item_per_message()
      throws Exception {
    int n = 1_000;
    String queue = AwsCli.sqs(AwsCli.unique("orders"));
    String tableName = AwsCli.unique("results");
    String table = AwsCli.dynamoDb(tableName);

    EdwProcess.Result produced =
        edw("produce", "--queue", queue, "--count", Integer.toString(n), "--no-progress");
    Process first = consumer(queue, table, "--until-empty");
    Process second = consumer(queue, table, "--until-empty");

    assertThat(produced.exitCode()).as(produced.stderr()).isZero();
    assertThat(exitOf(first)).isZero();
    assertThat(exitOf(second)).isZero();
    List<Map<String, AttributeValue>> items = scan(tableName);
    assertThat(items).hasSize(n);
    assertThat(items)
        .allSatisfy(
            item -> {
              assertThat(item)
                  .containsKeys("id", "data", "srcStamp", "destStamp", "messageProcessingTime");
              assertThat(item.get("rk").s()).isEqualTo(item.get("srcStamp").s());
              assertThat(item.get("destStamp").s())
                  .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
              assertThat(Double.parseDouble(item.get("messageProcessingTime").n()))
                  .isGreaterThanOrEqualTo(0);
            });
    Set<String> data = items.stream().map(i -> i.get("data").s()).collect(Collectors.toSet());
    assertThat(data)
        .isEqualTo(IntStream.range(0, n).mapToObj(i -> "message " + i).collect(Collectors.toSet()));
    assertThat(total(queue)).isZero();
    assertThat(total(AwsCli.sqs(queueName(queue) + "-poison"))).isZero();
  }

  private static String queueName(String sqsUri) {
    String path = URI.create(sqsUri).getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Test
  void malformed_message_on_a_standard_queue_goes_to_its_poison_queue_with_the_reason()
      throws Exception {
    String name = AwsCli.unique("orders");
    poisonFlowsOn(name, name + "-poison", 0);
  }

  @Test
  void malformed_message_on_a_fifo_queue_goes_to_the_fifo_poison_queue_and_its_group_flows_on()
      throws Exception {
    String base = AwsCli.unique("orders");
    poisonFlowsOn(base + ".fifo", base + "-poison.fifo", 2);
  }

  /**
   * Sends a malformed message, then 30 good ones (on FIFO, in the same group behind it), and
   * consumes until empty with three attempts per message.
   */
  private void poisonFlowsOn(String name, String poisonName, int groups) throws Exception {
    String queue = AwsCli.sqs(name);
    String table = AwsCli.dynamoDb(AwsCli.unique("results"));
    String malformed = "{\"msg\": \"no time stamp\"";
    try (WorkQueue q = backends.queue(queue)) {
      q.createIfMissing();
      q.send(new OutgoingMessage(malformed, groups == 0 ? null : "group-0", null, Duration.ZERO));
    }
    produce(queue, 30, groups);

    Process c =
        consumer(queue, table, "--until-empty", "--max-dequeue", "3", "--retry-delay", "0s");

    assertThat(exitOf(c)).isZero();
    assertThat(count(table)).isEqualTo(30);
    assertThat(total(queue)).isZero();
    List<ReceivedMessage> poisoned = takeAll(AwsCli.sqs(poisonName));
    assertThat(poisoned).hasSize(1);
    JsonNode envelope = new ObjectMapper().readTree(poisoned.get(0).body());
    assertThat(envelope.get("body").asText()).isEqualTo(malformed);
    assertThat(envelope.get("reason").asText())
        .contains("MalformedMessageException")
        .contains("not valid JSON");
    // bad input: poisoned on its first attempt, although three are allowed
    assertThat(envelope.get("dequeueCount").asInt()).isEqualTo(1);
    assertThat(envelope.get("queue").asText()).isEqualTo(name);
  }

  @Test
  void sigterm_finishes_running_messages_makes_prefetched_ones_visible_at_once_and_exits_zero()
      throws Exception {
    String queue = AwsCli.sqs(AwsCli.unique("orders"));
    String table = AwsCli.dynamoDb(AwsCli.unique("results"));
    produce(queue, 50, 0);
    try (WorkQueue q = backends.queue(queue)) {
      Process c =
          consumer(
              queue,
              table,
              "--concurrency",
              "2",
              "--prefetch",
              "10",
              "--processor-option",
              "workMs=3000",
              "--drain-timeout",
              "20s");
      // once the first two are written, the workers already run the next two (they take them as
      // soon as the first two are processed), with about 3 s to go; the rest wait in the buffer
      await().atMost(BOUND).ignoreExceptions().until(() -> count(table) == 2);

      c.destroy();

      await().atMost(Duration.ofSeconds(3)).until(() -> q.depth().visible() == 46);
      assertThat(c.waitFor(25, TimeUnit.SECONDS)).isTrue();
      assertThat(c.exitValue()).isZero();
      assertThat(count(table)).isEqualTo(4);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(q.depth().visible()).isEqualTo(46);
                assertThat(q.depth().inFlight()).isZero();
              });
    }
  }
}
