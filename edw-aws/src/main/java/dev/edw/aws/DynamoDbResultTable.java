package dev.edw.aws;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A DynamoDB table with partition key {@code id} and sort key {@code rk}, both strings; see {@link
 * DynamoDbItems} for the item layout. Writes are BatchWriteItem puts (insert-or-replace, so
 * idempotent), 25 a call, with unprocessed items retried after a growing pause. Reads are strongly
 * consistent.
 */
final class DynamoDbResultTable implements ResultTable {
  static final int MAX_BATCH = 25;

  private final DynamoDbAddress address;
  private final DynamoDbOptions options;
  private final DynamoDbClient client;

  DynamoDbResultTable(DynamoDbAddress address, DynamoDbOptions options, DynamoDbClient client) {
    this.address = address;
    this.options = options;
    this.client = client;
  }

  @Override
  public ResourceUri uri() {
    return address.uri();
  }

  @Override
  public String name() {
    return address.table();
  }

  @Override
  public int maxBatch() {
    return MAX_BATCH;
  }

  /** Creates the table (on demand, PAY_PER_REQUEST) unless it exists, and waits until ACTIVE. */
  @Override
  public boolean createIfMissing() {
    if (exists()) {
      awaitActive();
      return false;
    }
    boolean created;
    try {
      client.createTable(
          r ->
              r.tableName(name())
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      stringAttribute(DynamoDbItems.PARTITION_KEY),
                      stringAttribute(DynamoDbItems.SORT_KEY))
                  .keySchema(
                      key(DynamoDbItems.PARTITION_KEY, KeyType.HASH),
                      key(DynamoDbItems.SORT_KEY, KeyType.RANGE)));
      created = true;
    } catch (ResourceInUseException raced) {
      created = false;
    } catch (SdkException e) {
      throw AwsErrors.map(e, what());
    }
    awaitActive();
    return created;
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private void awaitActive() {
    long deadline = System.nanoTime() + options.createTimeout().toNanos();
    for (int attempt = 1; ; attempt++) {
      TableStatus status =
          call(() -> client.describeTable(r -> r.tableName(name())).table().tableStatus());
      if (status == TableStatus.ACTIVE) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new BackendUnavailableException(
            what() + " is still " + status + " after " + options.createTimeout(), null);
      }
      pause(options.backoff(attempt));
    }
  }

  @Override
  public boolean exists() {
    try {
      client.describeTable(r -> r.tableName(name()));
      return true;
    } catch (SdkException e) {
      if (AwsErrors.isMissing(e)) {
        return false;
      }
      throw AwsErrors.map(e, what());
    }
  }

  /**
   * Puts every entity. Entities with equal keys in one call are written once, the last one winning,
   * since one BatchWriteItem must not name a key twice.
   */
  @Override
  public void upsert(List<Entity> entities) {
    Map<List<String>, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    for (Entity entity : entities) {
      List<String> key = List.of(entity.partitionKey(), entity.rowKey());
      items.remove(key);
      items.put(key, DynamoDbItems.toItem(entity));
    }
    List<WriteRequest> writes =
        items.values().stream()
            .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()))
            .map(WriteRequest.Builder::build)
            .toList();
    for (int from = 0; from < writes.size(); from += MAX_BATCH) {
      write(writes.subList(from, Math.min(from + MAX_BATCH, writes.size())));
    }
  }

  private void write(List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    for (int attempt = 1; ; attempt++) {
      Map<String, List<WriteRequest>> request = Map.of(name(), pending);
      Map<String, List<WriteRequest>> unprocessed =
          call(() -> client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems());
      pending = unprocessed.getOrDefault(name(), List.of());
      if (pending.isEmpty()) {
        return;
      }
      if (attempt >= options.maxWriteAttempts()) {
        throw new BackendUnavailableException(
            what()
                + " left "
                + pending.size()
                + " items unprocessed after "
                + attempt
                + " attempts (throttled); writing them again is safe",
            null);
      }
      pause(options.backoff(attempt));
    }
  }

  private void pause(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendUnavailableException(what() + ": interrupted while waiting to retry", e);
    }
  }

  @Override
  public Optional<Entity> get(String partitionKey, String rowKey) {
    Map<String, AttributeValue> item =
        call(
            () ->
                client
                    .getItem(
                        r ->
                            r.tableName(name())
                                .key(DynamoDbItems.key(partitionKey, rowKey))
                                .consistentRead(true))
                    .item());
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(DynamoDbItems.toEntity(item));
  }

  /**
   * One partition in row-key order (Query), or the whole table in DynamoDB's scan order: by the
   * hash of the partition key, then row key.
   */
  @Override
  public List<Entity> query(TableQuery query) {
    List<Entity> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      int remaining = query.limit() - out.size();
      Map<String, AttributeValue> from = start;
      List<Map<String, AttributeValue>> items;
      if (query.partitionKey() != null) {
        QueryResponse page =
            call(
                () ->
                    client.query(
                        r ->
                            r.tableName(name())
                                .keyConditionExpression("#pk = :pk")
                                .expressionAttributeNames(
                                    Map.of("#pk", DynamoDbItems.PARTITION_KEY))
                                .expressionAttributeValues(
                                    Map.of(":pk", AttributeValue.fromS(query.partitionKey())))
                                .consistentRead(true)
                                .limit(remaining)
                                .exclusiveStartKey(from)));
        items = page.items();
        start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
      } else {
        ScanResponse page =
            call(
                () ->
                    client.scan(
                        r ->
                            r.tableName(name())
                                .consistentRead(true)
                                .limit(remaining)
                                .exclusiveStartKey(from)));
        items = page.items();
        start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
      }
      items.stream().limit(remaining).map(DynamoDbItems::toEntity).forEach(out::add);
    } while (start != null && !start.isEmpty() && out.size() < query.limit());
    return out;
  }

  /**
   * A paginated Scan: each page is one Scan call of at most {@code pageSize} items, continued from
   * its LastEvaluatedKey, so a page may hold fewer items (DynamoDB stops a page at 1 MB).
   */
  @Override
  public long scan(int pageSize, Consumer<List<Entity>> page) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("'pageSize' must be at least 1.");
    }
    return scanPages(
        r -> r.limit(pageSize),
        response -> {
          List<Entity> entities = response.items().stream().map(DynamoDbItems::toEntity).toList();
          if (!entities.isEmpty()) {
            page.accept(entities);
          }
          return entities.size();
        });
  }

  /** Counts with a paginated Scan of Select=COUNT: it reads the whole table. */
  @Override
  public long count() {
    return scanPages(r -> r.select(Select.COUNT), ScanResponse::count);
  }

  /**
   * Runs a consistent Scan page by page, each continued from the last one's LastEvaluatedKey, and
   * adds up what {@code perPage} returns for each page.
   */
  private long scanPages(
      Consumer<ScanRequest.Builder> shape,
      java.util.function.ToLongFunction<ScanResponse> perPage) {
    long total = 0;
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse response =
          call(
              () ->
                  client.scan(
                      r -> {
                        r.tableName(name()).consistentRead(true).exclusiveStartKey(from);
                        shape.accept(r);
                      }));
      total += perPage.applyAsLong(response);
      start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (start != null && !start.isEmpty());
    return total;
  }

  @Override
  public void close() {
    client.close();
  }

  private <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (SdkException e) {
      throw AwsErrors.map(e, what());
    }
  }

  private String what() {
    return "DynamoDB table '" + name() + "'";
  }

  @Override
  public String toString() {
    return "DynamoDbResultTable[" + uri() + "]";
  }
}
