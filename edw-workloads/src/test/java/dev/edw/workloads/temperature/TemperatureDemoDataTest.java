package dev.edw.workloads.temperature;

import static dev.edw.workloads.Messages.context;
import static dev.edw.workloads.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.processor.Processor;
import dev.edw.api.table.Entity;
import dev.edw.workloads.MemoryBlobStore;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemperatureDemoDataTest {
  private static TemperatureDemoData.Options options(int files, int days, long seed) {
    return new TemperatureDemoData.Options(files, days, seed, LocalDate.of(2026, 1, 1));
  }

  @Test
  void writes_numbered_csv_files_and_returns_their_names() {
    MemoryBlobStore blobs = new MemoryBlobStore();

    List<String> names = new TemperatureDemoData(options(3, 2, 1)).write(blobs);

    assertThat(names).containsExactly("temperature1.csv", "temperature2.csv", "temperature3.csv");
    String first = blobs.text("temperature1.csv");
    assertThat(first).startsWith("Datetime,Temperature\n2026-01-01 00:00:00,");
    assertThat(first).contains(",n/a\n");
  }

  @Test
  void the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    MemoryBlobStore a = new MemoryBlobStore();
    MemoryBlobStore b = new MemoryBlobStore();
    MemoryBlobStore c = new MemoryBlobStore();

    new TemperatureDemoData(options(2, 3, 42)).write(a);
    new TemperatureDemoData(options(2, 3, 42)).write(b);
    new TemperatureDemoData(options(2, 3, 43)).write(c);

    assertThat(Arrays.equals(a.bytes("temperature2.csv"), b.bytes("temperature2.csv"))).isTrue();
    assertThat(Arrays.equals(a.bytes("temperature2.csv"), c.bytes("temperature2.csv"))).isFalse();
  }

  @Test
  void aggregating_demo_data_shows_gaps_and_bad_rows_and_plausible_temperatures() throws Exception {
    MemoryBlobStore blobs = new MemoryBlobStore();
    new TemperatureDemoData(options(2, 30, 42)).write(blobs);
    Processor processor = new AggregateTemperatureFactory().create(context(blobs, Map.of()));

    Entity entity = processor.process(message("temperature1.csv")).entities().get(0);

    assertThat(entity.properties().get("hours")).isEqualTo(30L * 24);
    assertThat((Long) entity.properties().get("badRows")).isBetween(1L, 4L);
    assertThat((Long) entity.properties().get("rows"))
        .isBetween(30L * 1440 - 3 * 60, 30L * 1440 - 60);
    String output = blobs.text("temperature1_aggregated.csv");
    assertThat(output).containsPattern("\n\\d{4}-\\d\\d-\\d\\d \\d\\d:00:00,,,,,0\n");
    for (String line : output.split("\n")) {
      String[] fields = line.split(",", -1);
      if (!fields[1].isEmpty() && !fields[1].equals("mean")) {
        assertThat(Double.parseDouble(fields[1])).isBetween(-20.0, 40.0);
      }
    }
  }

  @Test
  void options_out_of_range_are_refused() {
    assertThatThrownBy(() -> options(0, 1, 1)).hasMessageContaining("files");
    assertThatThrownBy(() -> options(1, 400, 1)).hasMessageContaining("days");
  }
}
