package dev.edw.workloads.temperature;

import static dev.edw.workloads.Messages.context;
import static dev.edw.workloads.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobInfo;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.processor.Processor;
import dev.edw.api.table.Entity;
import dev.edw.file.FileBackendProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's temperature job on a real directory: demo files in, one aggregate per file out. */
class DemoDataOnFileStoreTest {
  @TempDir Path dir;

  @Test
  void every_demo_file_in_a_directory_gets_its_hourly_aggregate() throws Exception {
    try (BlobStore blobs =
        new FileBackendProvider()
            .openBlobStore(
                ResourceUri.parse("file:" + dir + "/temperature"), BackendContext.system())) {
      blobs.createIfMissing();
      List<String> names =
          new TemperatureDemoData(
                  new TemperatureDemoData.Options(3, 30, 7, LocalDate.of(2026, 2, 1)))
              .write(blobs);
      Processor processor = new AggregateTemperatureFactory().create(context(blobs, Map.of()));

      for (String name : names) {
        Entity entity = processor.process(message(name)).entities().get(0);
        assertThat(entity.properties()).containsEntry("hours", 30L * 24);
      }

      assertThat(blobs.list(""))
          .extracting(BlobInfo::name)
          .containsExactly(
              "temperature1.csv",
              "temperature1_aggregated.csv",
              "temperature2.csv",
              "temperature2_aggregated.csv",
              "temperature3.csv",
              "temperature3_aggregated.csv");
      List<String> lines =
          Files.readAllLines(dir.resolve("temperature/temperature2_aggregated.csv"));
      assertThat(lines).hasSize(1 + 30 * 24);
      assertThat(lines.get(1)).startsWith("2026-02-01 00:00:00,");
    }
  }
}
