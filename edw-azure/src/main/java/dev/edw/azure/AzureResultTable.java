package dev.edw.azure;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An Azure Table storage table.
 *
 * <p>{@link #upsert} checks every key first (no {@code / \ # ?} nor control characters), keeps the
 * last of repeated keys, groups the rest by PartitionKey and writes each group in entity-group
 * transactions of up to 100 upserts (insert-or-replace); a lone entity goes as a single upsert.
 * Each transaction is atomic, the whole call is not: on failure some groups may have been written,
 * and calling again is safe. {@link #count()} reads every key: Azure has no count.
 *
 * <p>Thread-safe: the SDK client is.
 */
final class AzureResultTable implements ResultTable {
  static final int MAX_BATCH = 100;
  private static final int MAX_PAGE = 1000;

  private final AzureTarget target;
  private final TableClient client;
  private final AzureErrors errors;

  AzureResultTable(AzureTarget target, TableClient client) {
    this.target = target;
    this.client = client;
    this.errors = new AzureErrors(target);
  }

  @Override
  public ResourceUri uri() {
    return target.uri();
  }

  @Override
  public int maxBatch() {
    return MAX_BATCH;
  }

  @Override
  public boolean createIfMissing() {
    try {
      client.createTable();
      return true;
    } catch (RuntimeException e) {
      if (AzureErrors.status(e) == 409) {
        return false;
      }
      throw errors.map(e, what("creating table"));
    }
  }

  @Override
  public boolean exists() {
    try {
      client
          .listEntities(
              new ListEntitiesOptions().setTop(1).setSelect(List.of("PartitionKey")),
              null,
              Context.NONE)
          .iterator()
          .hasNext();
      return true;
    } catch (RuntimeException e) {
      if (AzureErrors.status(e) == 404) {
        return false;
      }
      throw errors.map(e, what("checking table"));
    }
  }

  @Override
  public void upsert(List<Entity> entities) {
    Map<String, Map<String, Entity>> byPartition = new LinkedHashMap<>();
    for (Entity e : entities) {
      AzureNames.checkKey("PartitionKey", e.partitionKey());
      AzureNames.checkKey("RowKey", e.rowKey());
      byPartition.computeIfAbsent(e.partitionKey(), k -> new LinkedHashMap<>()).put(e.rowKey(), e);
    }
    List<List<Entity>> transactions = new ArrayList<>();
    for (Map<String, Entity> partition : byPartition.values()) {
      List<Entity> rows = new ArrayList<>(partition.values());
      for (int from = 0; from < rows.size(); from += MAX_BATCH) {
        transactions.add(rows.subList(from, Math.min(rows.size(), from + MAX_BATCH)));
      }
    }
    // One transaction per partition (the seed's rows each have their own): overlap them.
    ParallelCalls.map(
        transactions,
        group -> {
          write(group);
          return null;
        });
  }

  private void write(List<Entity> group) {
    String verb =
        "writing "
            + group.size()
            + " entities of partition '"
            + group.get(0).partitionKey()
            + "' to table";
    try {
      if (group.size() == 1) {
        client.upsertEntityWithResponse(
            TableEntities.toTable(group.get(0)), TableEntityUpdateMode.REPLACE, null, Context.NONE);
      } else {
        List<TableTransactionAction> actions = new ArrayList<>(group.size());
        for (Entity e : group) {
          actions.add(
              new TableTransactionAction(
                  TableTransactionActionType.UPSERT_REPLACE, TableEntities.toTable(e)));
        }
        client.submitTransactionWithResponse(actions, null, Context.NONE);
      }
    } catch (TableTransactionFailedException e) {
      Integer index = e.getFailedTransactionActionIndex();
      String which =
          index == null || index < 0 || index >= group.size()
              ? ""
              : " (the entity with RowKey '" + group.get(index).rowKey() + "' was refused)";
      throw errors.map(e, what(verb) + which);
    } catch (RuntimeException e) {
      throw errors.map(e, what(verb));
    }
  }

  @Override
  public Optional<Entity> get(String partitionKey, String rowKey) {
    AzureNames.checkKey("PartitionKey", partitionKey);
    AzureNames.checkKey("RowKey", rowKey);
    try {
      TableEntity e =
          client.getEntityWithResponse(partitionKey, rowKey, null, null, Context.NONE).getValue();
      return Optional.ofNullable(e).map(TableEntities::fromTable);
    } catch (RuntimeException e) {
      if (AzureErrors.status(e) == 404 && !"TableNotFound".equals(AzureErrors.errorCode(e))) {
        return Optional.empty();
      }
      throw errors.map(e, what("reading an entity of table"));
    }
  }

  @Override
  public List<Entity> query(TableQuery query) {
    ListEntitiesOptions options =
        new ListEntitiesOptions().setTop(Math.min(query.limit(), MAX_PAGE));
    if (query.partitionKey() != null) {
      options.setFilter("PartitionKey eq '" + query.partitionKey().replace("'", "''") + "'");
    }
    return call(
        "querying table",
        () -> {
          List<Entity> out = new ArrayList<>();
          for (TableEntity e : client.listEntities(options, null, Context.NONE)) {
            out.add(TableEntities.fromTable(e));
            if (out.size() >= query.limit()) {
              break;
            }
          }
          return out;
        });
  }

  @Override
  public long count() {
    return call(
        "counting table",
        () -> {
          long n = 0;
          ListEntitiesOptions keysOnly =
              new ListEntitiesOptions().setSelect(List.of("PartitionKey", "RowKey"));
          for (TableEntity ignored : client.listEntities(keysOnly, null, Context.NONE)) {
            n++;
          }
          return n;
        });
  }

  @Override
  public void close() {
    // The SDK client holds no resources of its own; the shared HTTP client stays open.
  }

  private <T> T call(String verb, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw errors.map(e, what(verb));
    }
  }

  private String what(String verb) {
    return verb + " '" + name() + "' at " + target.where();
  }
}
