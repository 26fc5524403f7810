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

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter PARSE =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd")
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
          .toFormatter()
          .withResolverStyle(java.time.format.ResolverStyle.STRICT);

  /** The second being formatted and its text; a hot path formats many stamps per second. */
  private record Second(long epochSecond, String text) {}

  private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

  public static String format(java.time.Instant instant) {
    Second second = lastSecond;
    if (second.epochSecond() != instant.getEpochSecond()) {
      second =
          new Second(
              instant.getEpochSecond(),
              SECONDS.format(java.time.Instant.ofEpochSecond(instant.getEpochSecond())));
      lastSecond = second;
    }
    int micros = instant.getNano() / 1_000;
    StringBuilder out = new StringBuilder(26).append(second.text()).append('.');
    String digits = Integer.toString(micros);
    for (int pad = digits.length(); pad < 6; pad++) {
      out.append('0');
    }
    return out.append(digits).toString();
  }

  /** Parses a stamp; throws {@link java.time.format.DateTimeParseException} when it is not one. */
  public static java.time.Instant parse(String text) {
    java.time.Instant fast = parseSeedFormat(text);
    return fast != null ? fast : LocalDateTime.parse(text, PARSE).toInstant(ZoneOffset.UTC);
  }

  /**
   * The common case, {@code YYYY-mm-dd HH:MM:SS.ffffff} exactly, read by position; null for
   * anything else (the general parser then decides).
   */
  private static java.time.Instant parseSeedFormat(String t) {
    if (t.length() != 26
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != ' '
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || t.charAt(19) != '.') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    int micros = digits(t, 20, 26);
    if ((year | month | day | hour | minute | second | micros) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return java.time.Instant.ofEpochSecond(
        days * 86_400 + hour * 3_600L + minute * 60L + second, micros * 1_000L);
  }

  /** The number written in {@code t[from, to)}, or -1 if a character is not a digit. */
  private static int digits(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
