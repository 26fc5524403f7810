package dev.edw.cli.logging;

import ch.qos.logback.classic.Level;
import dev.edw.api.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How edw logs, from the environment: {@code EDW_LOG_LEVEL} (edw's own loggers, default INFO),
 * {@code EDW_LOG_FORMAT} ({@code text}, the default, or {@code json}: one object per line) and
 * {@code EDW_SDK_LOG_LEVEL} (the cloud SDKs and their network libraries, default OFF, so that their
 * raw errors do not come before edw's own message). Logs go to standard error.
 *
 * @param level the level of edw's loggers
 * @param json whether each event is one JSON object on one line
 * @param sdkLevel the level of the SDKs' loggers
 */
public record LogSettings(Level level, boolean json, Level sdkLevel) {
  public static final String LEVEL_ENV = "EDW_LOG_LEVEL";
  public static final String FORMAT_ENV = "EDW_LOG_FORMAT";
  public static final String SDK_LEVEL_ENV = "EDW_SDK_LOG_LEVEL";

  static final Level DEFAULT_LEVEL = Level.INFO;
  static final Level DEFAULT_SDK_LEVEL = Level.OFF;

  /** Loggers of libraries that talk to backends; quiet unless EDW_SDK_LOG_LEVEL says otherwise. */
  static final List<String> SDK_LOGGERS =
      List.of("com.azure", "software.amazon.awssdk", "io.lettuce", "io.netty", "reactor");

  private static final List<String> LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  public static final LogSettings DEFAULT =
      new LogSettings(DEFAULT_LEVEL, false, DEFAULT_SDK_LEVEL);

  /** The settings in {@code env}; a value that is not valid is an {@link InvalidInputException}. */
  public static LogSettings from(Map<String, String> env) {
    return new LogSettings(
        level(env, LEVEL_ENV, DEFAULT_LEVEL),
        json(env),
        level(env, SDK_LEVEL_ENV, DEFAULT_SDK_LEVEL));
  }

  /** The settings in {@code env}, or the defaults where it is not valid (Main reports that). */
  public static LogSettings lenient(Map<String, String> env) {
    try {
      return from(env);
    } catch (InvalidInputException e) {
      return DEFAULT;
    }
  }

  private static Level level(Map<String, String> env, String name, Level fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String upper = text.strip().toUpperCase(Locale.ROOT);
    if (upper.equals("WARNING")) {
      upper = "WARN";
    }
    if (!LEVELS.contains(upper)) {
      throw new InvalidInputException(
          name + "='" + text + "' is not a log level: use one of " + String.join(", ", LEVELS));
    }
    return Level.toLevel(upper);
  }

  private static boolean json(Map<String, String> env) {
    String text = env.get(FORMAT_ENV);
    if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("text")) {
      return false;
    }
    if (text.strip().equalsIgnoreCase("json")) {
      return true;
    }
    throw new InvalidInputException(
        FORMAT_ENV + "='" + text + "' is not a log format: use text or json");
  }
}
