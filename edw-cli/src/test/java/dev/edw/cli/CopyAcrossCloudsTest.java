package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.aws.LocalAws;
import dev.edw.azure.Azurite;
import dev.edw.core.backend.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The move between clouds: SQS to Azure Queue and back, DynamoDB to Azure Table. */
@Tag("aws")
@Tag("azure")
@ExtendWith(LocalAws.class)
class CopyAcrossCloudsTest {
  private static final Map<String, String> AWS_ENV =
      Map.of(
          "AWS_ACCESS_KEY_ID", "testKeyId",
          "AWS_SECRET_ACCESS_KEY", "testSecret",
          "AWS_REGION", "us-east-1");

  private static Azurite azurite;

  @TempDir Path dir;
  private final Backends backends = new Backends(new BackendContext(AWS_ENV, Clock.systemUTC()));

  @BeforeAll
  static void startAzurite() {
    azurite = Azurite.start();
  }

  @AfterAll
  static void stopAzurite() {
    azurite.close();
  }

  private static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  private static String sqs(String name) {
    return "sqs://us-east-1/" + name + "?endpoint=" + LocalAws.sqsEndpoint();
  }

  private static String dynamoDb(String name) {
    return "dynamodb://us-east-1/" + name + "?endpoint=" + LocalAws.dynamoDbEndpoint();
  }

  private static String azure(String scheme, String name) {
    return azurite.uri(scheme, name).format();
  }

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, AWS_ENV, args);
  }

  private List<String> drain(String uri) {
    List<String> bodies = new ArrayList<>();
    try (WorkQueue q = backends.queue(uri)) {
      List<ReceivedMessage> batch;
      while (!(batch =
              q.receive(q.limits().maxReceiveBatch(), Duration.ofMinutes(1), Duration.ZERO))
          .isEmpty()) {
        batch.forEach(m -> bodies.add(m.body()));
        q.delete(batch.stream().map(ReceivedMessage::receipt).toList());
      }
    }
    return bodies;
  }

  @Test
  void sqs_backlog_moves_to_azure_queue_and_back_with_nothing_lost_or_doubled() throws Exception {
    String source = sqs(unique("orders"));
    String azureQueue = azure("azure-queue", unique("orders"));
    String back = sqs(unique("back"));
    List<String> bodies =
        IntStream.range(0, 45).mapToObj(i -> "{\"msg\": \"m" + i + "\"}").toList();
    try (WorkQueue q = backends.queue(source)) {
      q.createIfMissing();
      q.send(bodies.stream().map(OutgoingMessage::of).toList());
    }

    EdwProcess.Result toAzure = edw("copy", source, azureQueue, "--no-progress");
    EdwProcess.Result toAws = edw("copy", azureQueue, back, "--no-progress");

    assertThat(toAzure.exitCode()).as(toAzure.stderr()).isZero();
    assertThat(toAzure.stdout() + toAzure.stderr()).contains("copied 45 message(s)");
    assertThat(toAws.exitCode()).as(toAws.stderr()).isZero();
    assertThat(drain(back)).containsExactlyInAnyOrderElementsOf(bodies);
    assertThat(drain(source)).isEmpty();
    assertThat(drain(azureQueue)).isEmpty();
  }

  @Test
  void dynamodb_rows_move_to_azure_table_and_a_rerun_adds_none() throws Exception {
    String source = dynamoDb(unique("results"));
    String target = azure("azure-table", unique("results"));
    try (ResultTable t = backends.table(source)) {
      t.createIfMissing();
      t.upsert(
          IntStream.range(0, 40)
              .mapToObj(
                  i ->
                      new Entity(
                          "id-" + i,
                          "2026-11-23 04:00:00.000000",
                          Map.of("data", "m" + i, "messageProcessingTime", 0.5)))
              .toList());
    }

    EdwProcess.Result first = edw("copy", source, target, "--no-progress");
    EdwProcess.Result again = edw("copy", source, target, "--no-progress");

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    try (ResultTable t = backends.table(target)) {
      assertThat(t.count()).isEqualTo(40);
      assertThat(t.get("id-7", "2026-11-23 04:00:00.000000").orElseThrow().getString("data"))
          .isEqualTo("m7");
    }
  }
}
