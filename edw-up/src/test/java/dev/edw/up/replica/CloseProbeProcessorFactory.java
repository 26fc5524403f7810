package dev.edw.up.replica;

import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code --processor close-probe}: writes nothing and counts how often it is closed. */
public final class CloseProbeProcessorFactory implements ProcessorFactory {
  public static final String NAME = "close-probe";
  static final AtomicInteger CLOSED = new AtomicInteger();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test processor: counts its closes";
  }

  @Override
  public boolean needsTable() {
    return false;
  }

  @Override
  public Processor create(ProcessorContext context) {
    return new Processor() {
      @Override
      public ProcessResult process(dev.edw.api.queue.ReceivedMessage message) {
        return ProcessResult.none();
      }

      @Override
      public void close() {
        CLOSED.incrementAndGet();
      }
    };
  }
}
