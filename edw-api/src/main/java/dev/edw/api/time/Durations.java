package dev.edw.api.time;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration as people write one on a command line or in an option: {@code 500ms}, {@code
 * 30s}, {@code 5m}, {@code 2h}, a plain number of seconds ({@code 1.5}), or ISO-8601 ({@code
 * PT30S}). One parser for the CLI's flags and the processors' options, so both accept the same.
 */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

  private Durations() {}

  /**
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static Duration parse(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(text);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      double millis =
          switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1_000;
          };
      return Duration.ofMillis(Math.round(millis));
    }
    try {
      return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a duration: write 500ms, 30s, 5m, 2h or PT30S", e);
    }
  }
}
