package dev.edw.up.work;

import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.core.processor.Processors;
import java.time.Duration;

/**
 * {@code --processor work-time}: spends a fixed time on each message, then hands it to another
 * processor ({@code record} by default). {@code edw up} starts its replicas with it, so that each
 * replica's service rate is real: at most concurrency / work time messages a second.
 */
public final class WorkTimeProcessorFactory implements ProcessorFactory {
  public static final String NAME = "work-time";

  /** Option: milliseconds of work per message. */
  public static final String WORK_MS = "workMs";

  /** Option: the processor that does the rest. */
  public static final String DELEGATE = "delegate";

  public static final String DEFAULT_DELEGATE = "record";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "wait workMs=N milliseconds per message, then run delegate=NAME (default record);"
        + " edw up's replicas use it";
  }

  @Override
  public boolean needsTable() {
    return true;
  }

  /** Its own options and those of every processor it may delegate to, which see the same ones. */
  @Override
  public java.util.Map<String, String> options() {
    java.util.Map<String, String> options = new java.util.TreeMap<>();
    for (ProcessorFactory other : new Processors().all()) {
      if (!other.name().equals(NAME)) {
        options.putAll(other.options());
      }
    }
    options.put(WORK_MS, "milliseconds of work per message (default 0)");
    options.put(DELEGATE, "the processor that does the rest (default " + DEFAULT_DELEGATE + ")");
    return options;
  }

  @Override
  public Processor create(ProcessorContext context) {
    String delegateName = context.option(DELEGATE, DEFAULT_DELEGATE);
    if (delegateName.equals(NAME)) {
      throw new IllegalArgumentException("processor " + NAME + " cannot delegate to itself");
    }
    Processor delegate = new Processors().get(delegateName).create(context);
    Duration work = workTime(context.option(WORK_MS, "0"));
    if (work.isZero()) {
      return delegate;
    }
    return new WorkTime(work, delegate);
  }

  /** Waits, then delegates; closing it closes the delegate. */
  private record WorkTime(Duration work, Processor delegate) implements Processor {
    @Override
    public ProcessResult process(ReceivedMessage message) throws Exception {
      Thread.sleep(work);
      return delegate.process(message);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static Duration workTime(String text) {
    try {
      long millis = Long.parseLong(text.trim());
      if (millis < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(millis);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "processor option " + WORK_MS + " must be a whole number of milliseconds, not " + text);
    }
  }
}
