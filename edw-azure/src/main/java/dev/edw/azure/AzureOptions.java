package dev.edw.azure;

import com.azure.storage.queue.QueueMessageEncoding;
import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceUri;
import java.time.Duration;
import java.util.Locale;

/**
 * How an Azure resource talks to the service, read from URI parameters. Retries are few and short
 * on purpose: the runtime retries a {@link dev.edw.api.BackendUnavailableException} with its own
 * back-off, so the SDK must not hide minutes of retries behind one call.
 *
 * @param maxTries tries per request, the first included ({@code ?maxTries=})
 * @param tryTimeout longest wait for one try's response ({@code ?tryTimeoutMs=})
 * @param retryDelay first delay between tries, doubled each time ({@code ?retryDelayMs=})
 * @param maxRetryDelay longest delay between tries
 * @param connectTimeout longest wait to open a connection
 * @param pollInterval how often a receive with a wait polls an empty queue (Azure has no long
 *     polling) ({@code ?pollIntervalMs=})
 * @param messageEncoding queue message text as sent ({@code NONE}, the default) or base64 ({@code
 *     ?messageEncoding=base64}, for queues shared with Azure Functions)
 * @param messageTtl how long a sent message lives unreceived: {@link #NEVER} (the default: a work
 *     queue must not drop work silently, while Azure's own default is 7 days) or a positive time
 *     ({@code ?messageTtlSeconds=}, {@code -1} for never)
 */
record AzureOptions(
    int maxTries,
    Duration tryTimeout,
    Duration retryDelay,
    Duration maxRetryDelay,
    Duration connectTimeout,
    Duration pollInterval,
    QueueMessageEncoding messageEncoding,
    Duration messageTtl) {

  /** Azure's "never expires" time to live. */
  static final Duration NEVER = Duration.ofSeconds(-1);

  static final int DEFAULT_MAX_TRIES = 3;
  static final Duration DEFAULT_TRY_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(200);
  static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(2);
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
  static final QueueMessageEncoding DEFAULT_MESSAGE_ENCODING = QueueMessageEncoding.NONE;
  static final Duration DEFAULT_MESSAGE_TTL = NEVER;

  static final AzureOptions DEFAULTS =
      new AzureOptions(
          DEFAULT_MAX_TRIES,
          DEFAULT_TRY_TIMEOUT,
          DEFAULT_RETRY_DELAY,
          DEFAULT_MAX_RETRY_DELAY,
          DEFAULT_CONNECT_TIMEOUT,
          DEFAULT_POLL_INTERVAL,
          DEFAULT_MESSAGE_ENCODING,
          DEFAULT_MESSAGE_TTL);

  AzureOptions {
    if (maxTries < 1) {
      throw new IllegalArgumentException("'maxTries' must be at least 1.");
    }
    if (!messageTtl.equals(NEVER) && !messageTtl.isPositive()) {
      throw new IllegalArgumentException("'messageTtl' must be positive or NEVER.");
    }
    if (retryDelay.compareTo(maxRetryDelay) > 0) {
      throw new IllegalArgumentException("'retryDelay' cannot be longer than 'maxRetryDelay'.");
    }
    for (Duration d : new Duration[] {tryTimeout, connectTimeout, pollInterval, maxRetryDelay}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts and intervals must be positive");
      }
    }
  }

  /** The URI parameters every Azure URI may carry. */
  static final java.util.Set<String> PARAMS =
      java.util.Set.of(
          "endpoint", "connectionString", "accountKey", "maxTries", "tryTimeoutMs", "retryDelayMs");

  /** The parameters an {@code azure-queue:} URI may carry besides {@link #PARAMS}. */
  static final java.util.Set<String> QUEUE_PARAMS =
      java.util.Set.of("pollIntervalMs", "messageEncoding", "messageTtlSeconds");

  /** Fails on a parameter that a resource of {@code kind} does not take. */
  static void checkParams(ResourceUri uri, dev.edw.api.backend.ResourceKind kind) {
    java.util.Set<String> known = new java.util.HashSet<>(PARAMS);
    if (kind == dev.edw.api.backend.ResourceKind.QUEUE) {
      known.addAll(QUEUE_PARAMS);
    }
    uri.requireKnownParams(known);
  }

  static AzureOptions from(ResourceUri uri) {
    Duration retryDelay = millis(uri, "retryDelayMs", DEFAULT_RETRY_DELAY);
    return new AzureOptions(
        uri.param("maxTries")
            .map(v -> (int) positive(uri, "maxTries", v))
            .orElse(DEFAULT_MAX_TRIES),
        millis(uri, "tryTimeoutMs", DEFAULT_TRY_TIMEOUT),
        retryDelay,
        retryDelay.compareTo(DEFAULT_MAX_RETRY_DELAY) > 0 ? retryDelay : DEFAULT_MAX_RETRY_DELAY,
        DEFAULT_CONNECT_TIMEOUT,
        millis(uri, "pollIntervalMs", DEFAULT_POLL_INTERVAL),
        uri.param("messageEncoding").map(v -> encoding(uri, v)).orElse(DEFAULT_MESSAGE_ENCODING),
        uri.param("messageTtlSeconds")
            .map(
                v ->
                    v.strip().equals("-1")
                        ? NEVER
                        : Duration.ofSeconds(positive(uri, "messageTtlSeconds", v)))
            .orElse(DEFAULT_MESSAGE_TTL));
  }

  private static QueueMessageEncoding encoding(ResourceUri uri, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "none", "text", "plain" -> QueueMessageEncoding.NONE;
      case "base64" -> QueueMessageEncoding.BASE64;
      default ->
          throw new InvalidInputException(
              "'" + uri + "': messageEncoding must be none or base64, not '" + value + "'");
    };
  }

  private static Duration millis(ResourceUri uri, String key, Duration fallback) {
    return uri.param(key).map(v -> Duration.ofMillis(positive(uri, key, v))).orElse(fallback);
  }

  private static long positive(ResourceUri uri, String key, String value) {
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new InvalidInputException("'" + uri + "': " + key + " must be a positive number");
  }
}
