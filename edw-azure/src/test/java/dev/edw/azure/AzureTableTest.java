package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What is particular to Azure tables: typed properties, batching by partition, foreign rows. */
@Tag("azure")
class AzureTableTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  private static final AzureBackendProvider PROVIDER = new AzureBackendProvider();
  private static final BackendContext CONTEXT = new BackendContext(Map.of(), Clock.systemUTC());
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final List<ResultTable> opened = new ArrayList<>();

  @AfterEach
  void closeTables() {
    opened.forEach(ResultTable::close);
  }

  private ResultTable createTable() {
    String name = "at" + Long.toString(System.nanoTime(), 36) + COUNTER.incrementAndGet();
    ResultTable table = PROVIDER.openTable(AZURITE.azurite().uri("azure-table", name), CONTEXT);
    opened.add(table);
    table.createIfMissing();
    return table;
  }

  @Test
  void whole_doubles_small_longs_and_extreme_values_keep_their_types() {
    ResultTable table = createTable();
    Entity written =
        new Entity(
            "p",
            "r",
            Map.of(
                "whole",
                2.0,
                "small",
                7L,
                "big",
                Long.MAX_VALUE,
                "negative",
                -1.5e-300,
                "flag",
                false,
                "empty",
                ""));

    table.upsert(List.of(written));

    assertThat(table.get("p", "r")).contains(written);
  }

  @Test
  void repeated_keys_in_one_batch_keep_the_last_write() {
    ResultTable table = createTable();
    List<Entity> rows = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      rows.add(new Entity("p" + (i / 75), "r" + (i % 60), Map.of("i", (long) i)));
    }

    table.upsert(rows);

    assertThat(table.count()).isEqualTo(120);
    assertThat(table.get("p1", "r29").orElseThrow().properties()).containsEntry("i", 149L);
  }

  @Test
  void a_partition_key_with_a_quote_is_queried_exactly() {
    ResultTable table = createTable();
    table.upsert(
        List.of(
            new Entity("o'brien", "1", Map.of()),
            new Entity("o'brien", "2", Map.of()),
            new Entity("obrien", "1", Map.of())));

    List<Entity> rows = table.query(TableQuery.partition("o'brien", 10));

    assertThat(rows).extracting(Entity::rowKey).containsExactly("1", "2");
  }

  @Test
  void rows_written_by_another_client_read_with_compatible_types() {
    ResultTable table = createTable();
    TableClient raw =
        new TableClientBuilder()
            .connectionString(AZURITE.azurite().connectionString())
            .tableName(table.name())
            .buildClient();
    OffsetDateTime when = OffsetDateTime.parse("2026-11-23T04:00:00Z");
    raw.upsertEntity(
        new TableEntity("p", "r")
            .addProperty("count", 3)
            .addProperty("at", when)
            .addProperty("s", "x"));

    Entity read = table.get("p", "r").orElseThrow();

    assertThat(read.properties()).containsEntry("count", 3L).containsEntry("s", "x");
    assertThat(OffsetDateTime.parse(read.getString("at"))).isEqualTo(when);
  }

  @Test
  void a_table_that_was_never_created_does_not_exist() {
    ResultTable missing =
        PROVIDER.openTable(
            AZURITE.azurite().uri("azure-table", "nevercreated" + COUNTER.incrementAndGet()),
            CONTEXT);
    opened.add(missing);

    assertThat(missing.exists()).isFalse();
  }
}
