package dev.edw.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * HTTP settings of the SDK clients edw builds.
 *
 * @param connectTimeout how long to wait for a TCP connection; short, so an unreachable endpoint
 *     fails fast with a retryable error
 * @param socketTimeout how long to wait for bytes of an answer; longer than the longest SQS long
 *     poll (20 s)
 * @param apiCallTimeout the bound on one call, the SDK's own retries included
 */
record AwsClientOptions(Duration connectTimeout, Duration socketTimeout, Duration apiCallTimeout) {
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(35);
  static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(90);

  static final AwsClientOptions DEFAULT =
      new AwsClientOptions(
          DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, DEFAULT_API_CALL_TIMEOUT);

  AwsClientOptions {
    Objects.requireNonNull(connectTimeout, "'connectTimeout' cannot be null.");
    Objects.requireNonNull(socketTimeout, "'socketTimeout' cannot be null.");
    Objects.requireNonNull(apiCallTimeout, "'apiCallTimeout' cannot be null.");
    if (socketTimeout.compareTo(SqsWorkQueue.MAX_WAIT) <= 0) {
      throw new IllegalArgumentException(
          "'socketTimeout' must be longer than the longest long poll, " + SqsWorkQueue.MAX_WAIT);
    }
    if (apiCallTimeout.compareTo(socketTimeout) < 0) {
      throw new IllegalArgumentException(
          "'apiCallTimeout' cannot be shorter than 'socketTimeout'.");
    }
  }
}
