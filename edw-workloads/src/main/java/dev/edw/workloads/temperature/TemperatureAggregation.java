package dev.edw.workloads.temperature;

import dev.edw.api.processor.PoisonMessageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Reads {@code Datetime,Temperature} rows one line at a time and keeps one {@link HourlyStats} per
 * hour, so memory grows with the number of hours and never with the number of rows. Rows need not
 * be hours. Not thread-safe: one per blob.
 */
final class TemperatureAggregation {
  static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  static final String OUTPUT_HEADER = "Datetime,mean,std,max,min,count";
  static final int DECIMALS = 6;
  static final int BAD_LINES_KEPT = 5;

  private final String blob;
  private final long maxHours;
  private final TreeMap<LocalDateTime, HourlyStats> hours = new TreeMap<>();
  private final List<Long> firstBadLines = new ArrayList<>();
  private long rows;
  private long badRows;

  TemperatureAggregation(String blob, long maxHours) {
    this.blob = blob;
    this.maxHours = maxHours;
  }

  void read(BufferedReader reader) throws IOException {
    String line = reader.readLine();
    long lineNumber = 1;
    if (line == null) {
      return;
    }
    if (line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    int dateColumn = 0;
    int temperatureColumn = 1;
    if (!looksLikeData(line)) {
      String[] header = line.split(",", -1);
      dateColumn = column(header, "Datetime");
      temperatureColumn = column(header, "Temperature");
      line = reader.readLine();
      lineNumber++;
    }
    int needed = Math.max(dateColumn, temperatureColumn) + 1;
    for (; line != null; line = reader.readLine(), lineNumber++) {
      if (line.isBlank()) {
        continue;
      }
      if (!accept(line, dateColumn, temperatureColumn, needed)) {
        badRows++;
        if (firstBadLines.size() < BAD_LINES_KEPT) {
          firstBadLines.add(lineNumber);
        }
      }
    }
  }

  private boolean accept(String line, int dateColumn, int temperatureColumn, int needed) {
    String[] fields = line.split(",", -1);
    if (fields.length < needed) {
      return false;
    }
    String text = unquote(fields[temperatureColumn]);
    double value;
    LocalDateTime at;
    try {
      at = LocalDateTime.parse(unquote(fields[dateColumn]), DATETIME);
      value = Double.parseDouble(text);
    } catch (DateTimeParseException | NumberFormatException e) {
      return false;
    }
    if (!Double.isFinite(value)) {
      return false;
    }
    LocalDateTime hour = at.truncatedTo(ChronoUnit.HOURS);
    HourlyStats stats = hours.get(hour);
    if (stats == null) {
      stats = new HourlyStats();
      hours.put(hour, stats);
      checkSpan();
    }
    stats.add(value, text);
    rows++;
    return true;
  }

  private void checkSpan() {
    long span = ChronoUnit.HOURS.between(hours.firstKey(), hours.lastKey()) + 1;
    if (span > maxHours) {
      throw new PoisonMessageException(
          "'"
              + blob
              + "' spans "
              + span
              + " hours, more than maxHours="
              + maxHours
              + "; is a date wrong?");
    }
  }

  private static boolean looksLikeData(String line) {
    int comma = line.indexOf(',');
    String first = unquote(comma < 0 ? line : line.substring(0, comma));
    try {
      LocalDateTime.parse(first, DATETIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private int column(String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (unquote(header[i]).equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new PoisonMessageException(
        "'" + blob + "' has no '" + name + "' column: expected a header Datetime,Temperature");
  }

  private static String unquote(String field) {
    String text = field.strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1).strip();
    }
    return text;
  }

  /** The output CSV: one row per hour from the first to the last hour with data. */
  String toCsv() {
    StringBuilder out = new StringBuilder(64 * Math.min(hours.size() + 1, 1 << 16));
    out.append(OUTPUT_HEADER).append('\n');
    if (hours.isEmpty()) {
      return out.toString();
    }
    for (LocalDateTime hour = hours.firstKey();
        !hour.isAfter(hours.lastKey());
        hour = hour.plusHours(1)) {
      out.append(DATETIME.format(hour)).append(',');
      HourlyStats stats = hours.get(hour);
      if (stats == null) {
        out.append(",,,,0\n");
        continue;
      }
      double std = stats.sampleStd();
      out.append(decimal(stats.mean()))
          .append(',')
          .append(Double.isNaN(std) ? "" : decimal(std))
          .append(',')
          .append(stats.maxText())
          .append(',')
          .append(stats.minText())
          .append(',')
          .append(stats.count())
          .append('\n');
    }
    return out.toString();
  }

  /** Up to six decimals, trailing zeros dropped, never in scientific notation. */
  static String decimal(double value) {
    return BigDecimal.valueOf(value)
        .setScale(DECIMALS, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  long rows() {
    return rows;
  }

  long badRows() {
    return badRows;
  }

  List<Long> firstBadLines() {
    return firstBadLines;
  }

  /** Rows of the output: every hour from the first to the last, empty ones included. */
  long outputHours() {
    if (hours.isEmpty()) {
      return 0;
    }
    return ChronoUnit.HOURS.between(hours.firstKey(), hours.lastKey()) + 1;
  }
}
