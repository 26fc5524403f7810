package dev.edw.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ResultTable} must do; one subclass per backend. */
public abstract class ResultTableContract {
  protected ResultTable table;
  private final List<ResultTable> opened = new ArrayList<>();

  /** Opens (without creating) a table of this name that no other test uses. */
  protected abstract ResultTable openTable(String name);

  /** Table names some services restrict to letters and digits. */
  protected static String uniqueName(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36) + COUNTER.incrementAndGet();
  }

  private static final java.util.concurrent.atomic.AtomicInteger COUNTER =
      new java.util.concurrent.atomic.AtomicInteger();

  @BeforeEach
  void createTable() {
    table = openTable(uniqueName("t"));
    opened.add(table);
    table.createIfMissing();
  }

  @AfterEach
  void closeTables() {
    opened.forEach(ResultTable::close);
  }

  private static Entity row(String pk, String rk, String data) {
    return new Entity(pk, rk, Map.of("data", data, "messageProcessingTime", 0.25, "n", 7L));
  }

  @Test
  void upserted_entity_reads_back_with_its_property_types() {
    Entity written =
        new Entity("p1", "r1", Map.of("data", "hello", "count", 42L, "seconds", 1.5, "done", true));

    table.upsert(List.of(written));

    assertThat(table.get("p1", "r1")).contains(written);
  }

  @Test
  void upserting_the_same_keys_again_replaces_the_row_instead_of_adding_one() {
    table.upsert(List.of(row("p", "r", "first")));

    table.upsert(List.of(row("p", "r", "second")));

    assertThat(table.count()).isEqualTo(1);
    assertThat(table.get("p", "r").orElseThrow().getString("data")).isEqualTo("second");
  }

  @Test
  void missing_entity_is_empty_not_an_error() {
    assertThat(table.get("nope", "nothing")).isEmpty();
  }

  @Test
  void large_batches_are_split_by_the_backend() {
    int count = table.maxBatch() * 2 + 5;
    List<Entity> rows =
        IntStream.range(0, count).mapToObj(i -> row("p" + (i % 3), "r" + i, "v" + i)).toList();

    table.upsert(rows);

    assertThat(table.count()).isEqualTo(count);
  }

  @Test
  void query_of_a_partition_returns_only_its_rows_in_row_key_order() {
    table.upsert(List.of(row("a", "2", "x"), row("a", "1", "y"), row("b", "1", "z")));

    List<Entity> a = table.query(TableQuery.partition("a", 10));

    assertThat(a).extracting(Entity::rowKey).containsExactly("1", "2");
    assertThat(table.query(TableQuery.all(10))).hasSize(3);
    assertThat(table.query(TableQuery.all(2))).hasSize(2);
  }

  @Test
  void scan_reads_every_row_exactly_once_in_pages_of_at_most_the_page_size() {
    int count = 23;
    List<Entity> rows =
        IntStream.range(0, count).mapToObj(i -> row("p" + (i % 4), "r" + i, "v" + i)).toList();
    table.upsert(rows);
    List<List<Entity>> pages = new ArrayList<>();

    long seen = table.scan(5, pages::add);

    assertThat(seen).isEqualTo(count);
    assertThat(pages).allSatisfy(p -> assertThat(p).hasSizeBetween(1, 5));
    assertThat(pages.stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void scan_of_an_empty_table_hands_out_no_page() {
    List<List<Entity>> pages = new ArrayList<>();

    long seen = table.scan(10, pages::add);

    assertThat(seen).isZero();
    assertThat(pages).isEmpty();
  }

  @Test
  void created_table_exists_and_creating_it_again_is_harmless() {
    assertThat(table.exists()).isTrue();
    assertThat(table.createIfMissing()).isFalse();
  }
}
