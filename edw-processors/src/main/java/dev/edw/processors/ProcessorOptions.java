package dev.edw.processors;

import dev.edw.api.time.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

/** Reads {@code --processor-option} values, with errors that name the option. */
public final class ProcessorOptions {
  private final String processor;
  private final Map<String, String> values;

  public ProcessorOptions(String processor, Map<String, String> values, Map<String, String> known) {
    this.processor = processor;
    this.values = values;
    TreeSet<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known.keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "processor '"
              + processor
              + "' has no option "
              + String.join(", ", unknown)
              + "; known: "
              + String.join(", ", new TreeSet<>(known.keySet())));
    }
  }

  public String text(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** A duration like {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601; positive. */
  public Duration duration(String key, Duration fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      Duration d = Durations.parse(value);
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw bad(key, value, "a positive duration such as 500ms, 30s or 5m");
  }

  /** A whole number of at least 1. */
  public int positive(String key, int fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(key, value, "a whole number of at least 1");
  }

  private IllegalArgumentException bad(String key, String value, String expected) {
    return new IllegalArgumentException(
        "processor '" + processor + "' option " + key + " must be " + expected + ", not " + value);
  }
}
