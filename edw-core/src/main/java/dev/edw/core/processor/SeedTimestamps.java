package dev.edw.core.processor;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The seed's time stamp format, {@code YYYY-mm-dd HH:MM:SS.ffffff} in UTC (Python's {@code
 * str(datetime.utcnow())}). Parsing also takes a 'T' separator, a trailing 'Z' and 0 to 9 fraction
 * digits, since other producers write those.
 */
public final class SeedTimestamps {
  private SeedTimestamps() {}

  public static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
          .toFormatter()
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter PARSE =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendPattern("HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendLiteral('Z')
          .optionalEnd()
          .toFormatter();

  public static String format(java.time.Instant instant) {
    return FORMAT.format(instant);
  }

  /** Parses a stamp; throws {@link java.time.format.DateTimeParseException} when it is not one. */
  public static java.time.Instant parse(String text) {
    return LocalDateTime.parse(text, PARSE).toInstant(ZoneOffset.UTC);
  }
}
