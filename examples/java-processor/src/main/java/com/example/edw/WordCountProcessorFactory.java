package com.example.edw;

import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import java.util.Map;

/**
 * {@code --processor word-count}: listed in META-INF/services/dev.edw.api.processor.ProcessorFactory,
 * so edw finds it in a jar of its {@code --plugins} directory.
 */
public final class WordCountProcessorFactory implements ProcessorFactory {
  static final String MIN_LENGTH = "minLength";

  @Override
  public String name() {
    return "word-count";
  }

  @Override
  public String description() {
    return "example plug-in: one row per message with its word and character counts";
  }

  @Override
  public Map<String, String> options() {
    return Map.of(MIN_LENGTH, "count only words of at least this many characters; default 1");
  }

  @Override
  public Processor create(ProcessorContext context) {
    String value = context.option(MIN_LENGTH, "1");
    int minLength;
    try {
      minLength = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      // thrown at start-up: edw exits 2 before it receives anything
      throw new IllegalArgumentException("word-count option minLength must be a number: " + value);
    }
    return new WordCountProcessor(context.clock(), minLength);
  }
}
