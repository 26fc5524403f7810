package dev.edw.processors.http;

import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import java.util.Map;

/**
 * {@code --processor http --processor-option url=...}: POSTs each message to an app beside edw, as
 * Dapr's app channel does. See docs/processors.md for the status codes.
 */
public final class HttpProcessorFactory implements ProcessorFactory {
  public static final String NAME = "http";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "POST each message to your app (option url=...); 2xx succeeds, {\"rows\": [...]}"
        + " are upserted, 422 poisons at once";
  }

  @Override
  public Map<String, String> options() {
    return HttpOptions.KEYS;
  }

  @Override
  public Processor create(ProcessorContext context) {
    return new HttpProcessor(HttpOptions.from(context));
  }
}
