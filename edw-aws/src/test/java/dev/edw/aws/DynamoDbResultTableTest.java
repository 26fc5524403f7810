package dev.edw.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/** DynamoDB behaviour beyond the contract, against DynamoDB Local in this JVM. */
@Tag("aws")
@ExtendWith(LocalAws.class)
class DynamoDbResultTableTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  private static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36) + COUNTER.incrementAndGet();
  }

  private ResultTable created(String name, ExecutionInterceptor... interceptors) {
    ResourceUri uri = LocalAws.dynamoDbUri(name);
    ResultTable table =
        new DynamoDbResultTable(
            DynamoDbAddress.from(uri, LocalAws.CONTEXT),
            DynamoDbOptions.DEFAULT,
            LocalAws.dynamoDbClient(interceptors));
    opened.add(table);
    table.createIfMissing();
    return table;
  }

  private DynamoDbClient rawClient() {
    DynamoDbClient client = LocalAws.dynamoDbClient();
    opened.add(client);
    return client;
  }

  @Test
  void batch_write_of_60_items_goes_out_in_calls_of_at_most_25_and_lands_every_item() {
    RequestLog log = new RequestLog();
    ResultTable table = created(unique("sixty"), log);
    List<Entity> rows =
        IntStream.range(0, 60)
            .mapToObj(i -> new Entity("p" + (i % 4), "r" + i, Map.of("data", "v" + i)))
            .toList();

    table.upsert(rows);

    assertThat(log.of(BatchWriteItemRequest.class))
        .extracting(r -> r.requestItems().get(table.name()).size())
        .containsExactly(25, 25, 10);
    assertThat(table.count()).isEqualTo(60);
  }

  @Test
  void unprocessed_items_are_written_again_until_none_are_left() {
    AtomicBoolean throttledOnce = new AtomicBoolean();
    RequestLog log = new RequestLog();
    ResultTable table =
        created(unique("throttled"), log, new LeaveFirstBatchUnprocessed(throttledOnce));
    List<Entity> rows =
        IntStream.range(0, 3)
            .mapToObj(i -> new Entity("p", "r" + i, Map.of("n", (long) i)))
            .toList();

    table.upsert(rows);

    assertThat(throttledOnce).isTrue();
    assertThat(log.of(BatchWriteItemRequest.class)).hasSize(2);
    assertThat(table.count()).isEqualTo(3);
  }

  @Test
  void seed_item_fields_come_out_as_the_aws_workload_wrote_them() {
    ResultTable table = created(unique("seed"));
    Entity result =
        new Entity(
            "9f1c2d3e-guid",
            "0.25",
            Map.of(
                "data", "hello",
                "srcStamp", "2026-11-23 04:00:00.000001",
                "dateStamp", "2026-11-23 04:00:01.500000",
                "messageProcessingTime", 0.25));

    table.upsert(List.of(result));
    Map<String, AttributeValue> item =
        rawClient()
            .getItem(r -> r.tableName(table.name()).key(DynamoDbItems.key("9f1c2d3e-guid", "0.25")))
            .item();

    assertThat(item)
        .containsKeys("id", "data", "srcStamp", "destStamp", "messageProcessingTime")
        .doesNotContainKey("dateStamp");
    assertThat(item.get("id").s()).isEqualTo("9f1c2d3e-guid");
    assertThat(item.get("destStamp").s()).isEqualTo("2026-11-23 04:00:01.500000");
    assertThat(item.get("messageProcessingTime").n()).isEqualTo("0.25");
    assertThat(table.get("9f1c2d3e-guid", "0.25")).contains(result);
  }

  @Test
  void item_written_by_another_tool_reads_back_with_dest_stamp_as_date_stamp() {
    ResultTable table = created(unique("foreign"));
    rawClient()
        .putItem(
            r ->
                r.tableName(table.name())
                    .item(
                        Map.of(
                            "id", AttributeValue.fromS("g1"),
                            "rk", AttributeValue.fromS("r1"),
                            "data", AttributeValue.fromS("x"),
                            "destStamp", AttributeValue.fromS("now"),
                            "messageProcessingTime", AttributeValue.fromN("2"),
                            "ratio", AttributeValue.fromN("0.5"))));

    Entity read = table.get("g1", "r1").orElseThrow();

    assertThat(read.properties())
        .containsEntry("dateStamp", "now")
        .containsEntry("messageProcessingTime", 2L)
        .containsEntry("ratio", 0.5)
        .doesNotContainKey("destStamp");
  }

  @Test
  void integral_double_comes_back_as_a_double_and_long_as_a_long() {
    ResultTable table = created(unique("numbers"));
    Entity written = new Entity("p", "r", Map.of("seconds", 42.0, "count", 42L, "tiny", 1e-9));

    table.upsert(List.of(written));

    assertThat(table.get("p", "r")).contains(written);
  }

  @Test
  void the_last_of_two_entities_with_equal_keys_in_one_call_wins() {
    ResultTable table = created(unique("dupes"));

    table.upsert(
        List.of(
            new Entity("p", "r", Map.of("v", "first")), new Entity("p", "r", Map.of("v", "last"))));

    assertThat(table.count()).isEqualTo(1);
    assertThat(table.get("p", "r").orElseThrow().getString("v")).isEqualTo("last");
  }

  @Test
  void property_named_like_a_key_attribute_is_refused_before_anything_is_written() {
    ResultTable table = created(unique("reserved"));

    assertThatThrownBy(
            () ->
                table.upsert(
                    List.of(
                        new Entity("p", "ok", Map.of("data", "fine")),
                        new Entity("p", "bad", Map.of("id", "clash")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'id'");
    assertThat(table.count()).isZero();
  }

  @Test
  void an_endpoint_that_refuses_connections_gives_a_retryable_backend_unavailable() {
    ResourceUri uri =
        ResourceUri.parse(
            "dynamodb://us-east-1/results?endpoint=http://127.0.0.1:" + LocalAws.freePort());
    ResultTable table = LocalAws.PROVIDER.openTable(uri, LocalAws.CONTEXT);
    opened.add(table);

    assertThatThrownBy(() -> table.get("p", "r"))
        .isInstanceOf(BackendUnavailableException.class)
        .matches(e -> ((EdwException) e).retryable())
        .hasMessageNotContaining("testSecret");
  }

  @Test
  void missing_table_does_not_exist_and_reading_it_fails_as_not_found() {
    ResultTable table =
        LocalAws.PROVIDER.openTable(LocalAws.dynamoDbUri(unique("absent")), LocalAws.CONTEXT);
    opened.add(table);

    assertThat(table.exists()).isFalse();
    assertThatThrownBy(() -> table.get("p", "r"))
        .isInstanceOf(dev.edw.api.ResourceNotFoundException.class);
  }

  /** Answers the first BatchWriteItem as if DynamoDB had throttled every item of it. */
  private record LeaveFirstBatchUnprocessed(AtomicBoolean done) implements ExecutionInterceptor {
    @Override
    public SdkResponse modifyResponse(
        Context.ModifyResponse context, ExecutionAttributes attributes) {
      if (context.request() instanceof BatchWriteItemRequest request
          && context.response() instanceof BatchWriteItemResponse response
          && done.compareAndSet(false, true)) {
        return response.toBuilder().unprocessedItems(request.requestItems()).build();
      }
      return context.response();
    }
  }
}
