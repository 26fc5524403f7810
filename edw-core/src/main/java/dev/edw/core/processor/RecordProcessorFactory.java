package dev.edw.core.processor;

import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;

/** {@code --processor record}: the seed's consumer; writes one row per message. */
public final class RecordProcessorFactory implements ProcessorFactory {
  public static final String NAME = "record";

  /** Option: simulated work per message in milliseconds, for demos and drain tests. */
  public static final String WORK_MS = "workMs";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "parse {\"msg\", \"srcStamp\"} and upsert one row per message"
        + " (PartitionKey = message id, RowKey = srcStamp); option workMs=N simulates work";
  }

  @Override
  public java.util.Map<String, String> options() {
    return java.util.Map.of(WORK_MS, "simulated work per message, in milliseconds (default 0)");
  }

  @Override
  public Processor create(ProcessorContext context) {
    String workMs = context.option(WORK_MS, "0");
    try {
      long millis = Long.parseLong(workMs);
      if (millis < 0) {
        throw new NumberFormatException();
      }
      return new RecordProcessor(context.clock(), java.time.Duration.ofMillis(millis));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "processor option " + WORK_MS + " must be a whole number of milliseconds, not " + workMs);
    }
  }
}
