package dev.edw.cli;

import dev.edw.api.time.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads a duration flag with {@link Durations}: {@code 500ms}, {@code 30s}, {@code 5m}, ... */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
