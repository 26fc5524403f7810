package dev.edw.workloads.temperature;

import static dev.edw.workloads.Messages.context;
import static dev.edw.workloads.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.processor.PoisonMessageException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.table.Entity;
import dev.edw.workloads.MemoryBlobStore;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AggregateTemperatureTest {
  private static final MathContext PRECISE = MathContext.DECIMAL128;

  private final MemoryBlobStore blobs = new MemoryBlobStore();

  private Processor processor(Map<String, String> options) {
    return new AggregateTemperatureFactory().create(context(blobs, options));
  }

  private Entity run(String body) throws Exception {
    ProcessResult result = processor(Map.of()).process(message(body));
    assertThat(result.entities()).hasSize(1);
    return result.entities().get(0);
  }

  /** One output row, by column name. */
  private static Map<String, Map<String, String>> parse(String csv) {
    String[] lines = csv.split("\n");
    assertThat(lines[0]).isEqualTo("Datetime,mean,std,max,min,count");
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    String[] columns = lines[0].split(",");
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < columns.length; c++) {
        row.put(columns[c], fields[c]);
      }
      rows.put(fields[0], row);
    }
    return rows;
  }

  /** Mean and sample std by two passes in BigDecimal, independent of the processor's code. */
  private record Expected(int count, BigDecimal mean, BigDecimal std, String max, String min) {
    static Expected of(List<String> values) {
      BigDecimal sum = BigDecimal.ZERO;
      String max = values.get(0);
      String min = values.get(0);
      for (String v : values) {
        sum = sum.add(new BigDecimal(v));
        if (new BigDecimal(v).compareTo(new BigDecimal(max)) > 0) {
          max = v;
        }
        if (new BigDecimal(v).compareTo(new BigDecimal(min)) < 0) {
          min = v;
        }
      }
      BigDecimal mean = sum.divide(BigDecimal.valueOf(values.size()), PRECISE);
      BigDecimal std = null;
      if (values.size() > 1) {
        BigDecimal squares = BigDecimal.ZERO;
        for (String v : values) {
          BigDecimal d = new BigDecimal(v).subtract(mean);
          squares = squares.add(d.multiply(d));
        }
        std = squares.divide(BigDecimal.valueOf(values.size() - 1), PRECISE).sqrt(PRECISE);
      }
      return new Expected(values.size(), mean, std, max, min);
    }
  }

  @Test
  void hourly_rows_match_a_two_pass_computation_with_gaps_single_readings_and_bad_rows()
      throws Exception {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    TreeMap<String, List<String>> byHour = new TreeMap<>();
    // 10:37 to 11:59, nothing at 12, one reading at 13, 14:00 to 15:20
    List<String> minutes = new ArrayList<>();
    for (int m = 10 * 60 + 37; m < 12 * 60; m++) {
      minutes.add(String.format("%02d:%02d", m / 60, m % 60));
    }
    minutes.add("13:15");
    for (int m = 14 * 60; m <= 15 * 60 + 20; m++) {
      minutes.add(String.format("%02d:%02d", m / 60, m % 60));
    }
    for (String hhmm : minutes) {
      String value =
          BigDecimal.valueOf(Math.round((12 + random.nextGaussian() * 3) * 10), 1).toPlainString();
      lines.add("2026-03-01 " + hhmm + ":00," + value);
      byHour.computeIfAbsent(hhmm.substring(0, 2), h -> new ArrayList<>()).add(value);
    }
    List<String> bad =
        List.of(
            "2026-03-01 14:05:00,n/a",
            "2026-03-01 14:0",
            "2026-13-01 00:00:00,5.0",
            "2026-03-01 14:07:00,",
            "not a date,3.0");
    lines.addAll(bad);
    Collections.shuffle(lines, random);
    blobs.put("temperature1.csv", csv("Datetime,Temperature", lines));

    Entity entity = run("temperature1.csv");

    Map<String, Map<String, String>> rows = parse(blobs.text("temperature1_aggregated.csv"));
    assertThat(rows.keySet())
        .containsExactly(
            "2026-03-01 10:00:00",
            "2026-03-01 11:00:00",
            "2026-03-01 12:00:00",
            "2026-03-01 13:00:00",
            "2026-03-01 14:00:00",
            "2026-03-01 15:00:00");
    assertThat(rows.get("2026-03-01 12:00:00").values())
        .containsExactly("2026-03-01 12:00:00", "", "", "", "", "0");
    for (Map.Entry<String, List<String>> hour : byHour.entrySet()) {
      Expected expected = Expected.of(hour.getValue());
      Map<String, String> row = rows.get("2026-03-01 " + hour.getKey() + ":00:00");
      assertThat(row.get("count")).isEqualTo(Integer.toString(expected.count()));
      assertThat(Double.parseDouble(row.get("mean")))
          .isCloseTo(expected.mean().doubleValue(), within(1e-6));
      if (expected.std() == null) {
        assertThat(row.get("std")).isEmpty();
      } else {
        assertThat(Double.parseDouble(row.get("std")))
            .isCloseTo(expected.std().doubleValue(), within(1e-6));
      }
      assertThat(row.get("max")).isEqualTo(expected.max());
      assertThat(row.get("min")).isEqualTo(expected.min());
      assertThat(row.get("mean")).doesNotContain("E").matches("-?\\d+(\\.\\d{1,6})?");
    }
    assertThat(rows.get("2026-03-01 10:00:00").get("count")).isEqualTo("23");
    assertThat(rows.get("2026-03-01 13:00:00").get("std")).isEmpty();
    assertThat(entity.partitionKey()).isEqualTo("temperature1.csv");
    assertThat(entity.rowKey()).isEqualTo("aggregate");
    assertThat(entity.properties())
        .containsEntry("rows", (long) minutes.size())
        .containsEntry("badRows", (long) bad.size())
        .containsEntry("hours", 6L)
        .containsEntry("output", "temperature1_aggregated.csv");
  }

  @Test
  void std_stays_exact_for_readings_far_from_zero() throws Exception {
    List<String> values = List.of("1000000000.1", "1000000000.2", "1000000000.3", "1000000000.4");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      lines.add("2026-01-01 00:0" + i + ":00," + values.get(i));
    }
    blobs.put("far.csv", csv("Datetime,Temperature", lines));

    run("far.csv");

    Map<String, String> row = parse(blobs.text("far_aggregated.csv")).get("2026-01-01 00:00:00");
    assertThat(row.get("mean")).isEqualTo("1000000000.25");
    assertThat(Double.parseDouble(row.get("std")))
        .isCloseTo(Expected.of(values).std().doubleValue(), within(1e-6));
  }

  @Test
  void a_json_body_names_the_blob_and_output_names_follow_the_rule() throws Exception {
    blobs.put("data/site.v2.csv", csv("Datetime,Temperature", List.of("2026-01-01 00:00:00,1")));

    Entity entity = run("{\"blob\": \"data/site.v2.csv\"}");

    assertThat(entity.getString("output")).isEqualTo("data/site.v2_aggregated.csv");
    assertThat(AggregateTemperatureProcessor.outputName("temperature1.csv"))
        .isEqualTo("temperature1_aggregated.csv");
    assertThat(AggregateTemperatureProcessor.outputName("readings"))
        .isEqualTo("readings_aggregated.csv");
    assertThat(AggregateTemperatureProcessor.outputName("dir.d/.hidden"))
        .isEqualTo("dir.d/.hidden_aggregated.csv");
  }

  @Test
  void a_blob_that_does_not_exist_fails_so_the_message_is_retried() {
    assertThatThrownBy(() -> run("missing.csv")).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void a_file_without_the_expected_header_fails_clearly() {
    blobs.put("wrong.csv", csv("when,degrees", List.of("x,1")));

    assertThatThrownBy(() -> run("wrong.csv"))
        .isInstanceOf(PoisonMessageException.class)
        .hasMessageContaining("Datetime");
  }

  @Test
  void a_file_spanning_more_hours_than_allowed_fails_instead_of_writing_a_huge_output() {
    blobs.put(
        "typo.csv",
        csv("Datetime,Temperature", List.of("2026-01-01 00:00:00,1", "2926-01-01 00:00:00,1")));

    assertThatThrownBy(() -> processor(Map.of("maxHours", "1000")).process(message("typo.csv")))
        .isInstanceOf(PoisonMessageException.class)
        .hasMessageContaining("maxHours");
  }

  @Test
  void a_large_file_is_streamed_and_never_read_whole() throws Exception {
    int rows = 600_000;
    List<CountingCsv> opened = new ArrayList<>();
    blobs.putStreaming(
        "big.csv",
        () -> {
          CountingCsv stream = new CountingCsv(rows);
          opened.add(stream);
          return stream;
        });

    Entity entity = run("big.csv");

    assertThat(entity.properties())
        .containsEntry("rows", (long) rows)
        .containsEntry("badRows", 0L)
        .containsEntry("hours", rows / 60L);
    CountingCsv stream = opened.get(0);
    assertThat(stream.closed).isTrue();
    assertThat(stream.largestRequest).isLessThanOrEqualTo(1 << 16);
    assertThat(stream.reads).isGreaterThan(100);
    Map<String, String> first = parse(blobs.text("big_aggregated.csv")).get("2026-01-01 00:00:00");
    assertThat(first.get("count")).isEqualTo("60");
    assertThat(first.get("mean")).isEqualTo("29.5");
  }

  /** Rows "minute, minute % 60" for {@code rows} minutes, made as they are read. */
  private static final class CountingCsv extends InputStream {
    private final int rows;
    private int row = -1;
    private byte[] line = "Datetime,Temperature\n".getBytes(StandardCharsets.US_ASCII);
    private int position;
    int reads;
    int largestRequest;
    boolean closed;

    CountingCsv(int rows) {
      this.rows = rows;
    }

    private boolean fill() {
      while (position >= line.length) {
        if (++row >= rows) {
          return false;
        }
        java.time.LocalDateTime at = java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(row);
        line =
            (TemperatureAggregation.DATETIME.format(at) + "," + (row % 60) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        position = 0;
      }
      return true;
    }

    @Override
    public int read() {
      reads++;
      return fill() ? line[position++] : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      reads++;
      largestRequest = Math.max(largestRequest, length);
      int copied = 0;
      while (copied < length && fill()) {
        int n = Math.min(length - copied, line.length - position);
        System.arraycopy(line, position, buffer, offset + copied, n);
        position += n;
        copied += n;
      }
      return copied == 0 ? -1 : copied;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static byte[] csv(String header, List<String> lines) {
    return (header + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
