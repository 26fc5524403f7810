package dev.edw.workloads.temperature;

import dev.edw.api.blob.BlobStore;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.table.Entity;
import dev.edw.workloads.BlobMessage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a CSV of 1-minute temperatures into hourly mean, std, max, min and count, and writes
 * {@code NAME_aggregated.csv} next to it. Thread-safe: all state is per message. Repeating a
 * message overwrites the same output blob, so it is idempotent.
 */
final class AggregateTemperatureProcessor implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(AggregateTemperatureProcessor.class);

  static final String OUTPUT_SUFFIX = "_aggregated.csv";
  static final String ROW_KEY = "aggregate";

  private final BlobStore blobs;
  private final long maxHours;

  AggregateTemperatureProcessor(BlobStore blobs, long maxHours) {
    this.blobs = blobs;
    this.maxHours = maxHours;
  }

  @Override
  public ProcessResult process(ReceivedMessage message) throws Exception {
    String input = BlobMessage.blobName(message.body());
    TemperatureAggregation aggregation = new TemperatureAggregation(input, maxHours);
    try (InputStream in = blobs.open(input);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      aggregation.read(reader);
    }
    String output = outputName(input);
    blobs.put(output, aggregation.toCsv().getBytes(StandardCharsets.UTF_8));
    if (aggregation.badRows() > 0) {
      LOG.warn(
          "{}: skipped {} unparseable rows of {} (first at lines {})",
          input,
          aggregation.badRows(),
          aggregation.rows() + aggregation.badRows(),
          aggregation.firstBadLines());
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("rows", aggregation.rows());
    properties.put("badRows", aggregation.badRows());
    properties.put("hours", aggregation.outputHours());
    properties.put("output", output);
    return ProcessResult.of(new Entity(input, ROW_KEY, properties));
  }

  /**
   * The output blob of an input: its last extension (if any) replaced by {@code _aggregated.csv},
   * in the same folder: {@code temperature1.csv} gives {@code temperature1_aggregated.csv}, {@code
   * data/t.v2.csv} gives {@code data/t.v2_aggregated.csv}, {@code readings} gives {@code
   * readings_aggregated.csv}.
   */
  static String outputName(String input) {
    int slash = input.lastIndexOf('/');
    int dot = input.lastIndexOf('.');
    String stem = dot > slash + 1 ? input.substring(0, dot) : input;
    return stem + OUTPUT_SUFFIX;
  }
}
