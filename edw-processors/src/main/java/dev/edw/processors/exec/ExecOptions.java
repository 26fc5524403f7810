package dev.edw.processors.exec;

import dev.edw.api.processor.ProcessorContext;
import dev.edw.processors.ProcessorOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code --processor exec} runs the user's command.
 *
 * @param command the program and its arguments (the words after {@code --})
 * @param mode one process per message, or long-lived JSON-lines workers
 * @param workers how many persistent workers run at once
 * @param timeout how long one message may take before its process is killed
 * @param restartDelay the first back-off before a dead persistent worker is restarted
 * @param maxRestartDelay the longest such back-off
 * @param startupGrace how long persistent workers must stay up at start-up for the command to count
 *     as startable
 */
public record ExecOptions(
    List<String> command,
    Mode mode,
    int workers,
    Duration timeout,
    Duration restartDelay,
    Duration maxRestartDelay,
    Duration startupGrace) {
  public static final Mode DEFAULT_MODE = Mode.PERSISTENT;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Persistent workers by default: the consumer's concurrency, at most this many per core (a worker
   * that answers in any order takes many messages at once).
   */
  public static final int DEFAULT_WORKERS_PER_CORE = 1;

  public static final int DEFAULT_MIN_WORKERS = 2;
  public static final Duration DEFAULT_RESTART_DELAY = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_RESTART_DELAY = Duration.ofSeconds(10);
  public static final Duration DEFAULT_STARTUP_GRACE = Duration.ofMillis(300);

  static final String MODE = "mode";
  static final String WORKERS = "workers";
  static final String TIMEOUT = "timeout";
  static final String RESTART_DELAY = "restartDelay";
  static final String MAX_RESTART_DELAY = "maxRestartDelay";
  static final String STARTUP_GRACE = "startupGrace";

  /** The option keys and what they mean, for {@code ProcessorFactory.options()}. */
  static final Map<String, String> KEYS;

  static {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(MODE, "per-message (one process per message) or persistent (default)");
    keys.put(WORKERS, "persistent workers; default: --concurrency, at most one per core (min 2)");
    keys.put(TIMEOUT, "kill a message's process after this long; default 5m");
    keys.put(RESTART_DELAY, "first back-off before a dead worker is restarted; default 100ms");
    keys.put(MAX_RESTART_DELAY, "longest restart back-off; default 10s");
    keys.put(
        STARTUP_GRACE,
        "a persistent worker exiting this soon at start-up is a start-up error; default 300ms");
    KEYS = java.util.Collections.unmodifiableMap(keys);
  }

  /** One process per message, or long-lived workers speaking JSON lines. */
  public enum Mode {
    PER_MESSAGE("per-message"),
    PERSISTENT("persistent");

    private final String text;

    Mode(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }

    static Mode parse(String value) {
      for (Mode m : values()) {
        if (m.text.equals(value.trim().toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "processor 'exec' option mode must be per-message or persistent, not " + value);
    }
  }

  public ExecOptions {
    command = List.copyOf(command);
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException(
          "processor 'exec' needs a command: --processor exec -- COMMAND ARGS...");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("'workers' must be at least 1.");
    }
    if (restartDelay.compareTo(maxRestartDelay) > 0) {
      throw new IllegalArgumentException(
          "processor 'exec' option restartDelay must not exceed maxRestartDelay");
    }
  }

  /** The options of a consumer's context, checked. */
  static ExecOptions from(ProcessorContext context) {
    ProcessorOptions o = new ProcessorOptions("exec", context.options(), KEYS);
    int cap =
        Math.max(
            DEFAULT_MIN_WORKERS,
            Runtime.getRuntime().availableProcessors() * DEFAULT_WORKERS_PER_CORE);
    return new ExecOptions(
        context.arguments(),
        Mode.parse(o.text(MODE, DEFAULT_MODE.toString())),
        o.positive(WORKERS, Math.min(context.concurrency(), cap)),
        o.duration(TIMEOUT, DEFAULT_TIMEOUT),
        o.duration(RESTART_DELAY, DEFAULT_RESTART_DELAY),
        o.duration(MAX_RESTART_DELAY, DEFAULT_MAX_RESTART_DELAY),
        o.duration(STARTUP_GRACE, DEFAULT_STARTUP_GRACE));
  }
}
