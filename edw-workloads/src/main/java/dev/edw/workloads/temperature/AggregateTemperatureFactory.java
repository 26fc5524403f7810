package dev.edw.workloads.temperature;

import dev.edw.api.InvalidInputException;
import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;

/**
 * {@code --processor aggregate-temperature}: the message names a CSV blob of {@code
 * Datetime,Temperature} readings; the hourly aggregate is written as {@code NAME_aggregated.csv}.
 * Option {@code maxHours} (default {@value #DEFAULT_MAX_HOURS}) bounds the hours one file may span,
 * so that one wrong date cannot make a huge output.
 */
public final class AggregateTemperatureFactory implements ProcessorFactory {
  public static final String NAME = "aggregate-temperature";
  public static final long DEFAULT_MAX_HOURS = 100_000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "hourly mean/std/max/min/count of a Datetime,Temperature CSV blob, written as"
        + " NAME_aggregated.csv (needs --blobs)";
  }

  @Override
  public java.util.Map<String, String> options() {
    return java.util.Map.of(
        "maxHours", "most hours one file may span (default " + DEFAULT_MAX_HOURS + ")");
  }

  @Override
  public Processor create(ProcessorContext context) {
    String text = context.option("maxHours", Long.toString(DEFAULT_MAX_HOURS));
    long maxHours;
    try {
      maxHours = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      maxHours = -1;
    }
    if (maxHours < 1) {
      throw new InvalidInputException(
          NAME + ": option maxHours must be a positive number, not '" + text + "'");
    }
    return new AggregateTemperatureProcessor(context.requireBlobs(NAME), maxHours);
  }
}
