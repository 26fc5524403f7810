package dev.edw.core.plugin;

import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import dev.edw.api.queue.ReceivedMessage;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A plug-in's factory, run with the plug-in's class loader as the thread's context class loader, so
 * libraries inside the plug-in that look themselves up through it (ServiceLoader, JAXB, ...) find
 * their own classes.
 */
final class PluginProcessorFactory implements ProcessorFactory {
  private final ProcessorFactory delegate;
  private final ClassLoader loader;

  PluginProcessorFactory(ProcessorFactory delegate, ClassLoader loader) {
    this.delegate = delegate;
    this.loader = loader;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String description() {
    return delegate.description();
  }

  @Override
  public boolean needsTable() {
    return delegate.needsTable();
  }

  @Override
  public Map<String, String> options() {
    return delegate.options();
  }

  @Override
  public Processor create(ProcessorContext context) {
    Processor processor = inLoader(() -> delegate.create(context));
    return new Processor() {
      @Override
      public ProcessResult process(ReceivedMessage message) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
          return processor.process(message);
        } finally {
          t.setContextClassLoader(previous);
        }
      }

      @Override
      public void close() {
        inLoader(
            () -> {
              processor.close();
              return null;
            });
      }

      @Override
      public String toString() {
        return processor.getClass().getSimpleName();
      }
    };
  }

  private <T> T inLoader(Supplier<T> action) {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return action.get();
    } finally {
      t.setContextClassLoader(previous);
    }
  }
}
