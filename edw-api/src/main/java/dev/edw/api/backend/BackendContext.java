package dev.edw.api.backend;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend may read besides its URI: the process environment (for defaults such as
 * AZURE_STORAGE_CONNECTION_STRING or AWS_REGION) and the clock. Passed in rather than read from
 * {@link System#getenv()} so that tests can set both.
 */
public record BackendContext(Map<String, String> env, Clock clock) {
  public BackendContext {
    env = Map.copyOf(Objects.requireNonNull(env, "'env' cannot be null."));
    Objects.requireNonNull(clock, "'clock' cannot be null.");
  }

  /** The real environment and the system UTC clock. */
  public static BackendContext system() {
    return new BackendContext(System.getenv(), Clock.systemUTC());
  }

  /** The value of a non-blank environment variable. */
  public Optional<String> envVar(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
