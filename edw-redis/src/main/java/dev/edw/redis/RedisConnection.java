package dev.edw.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One lazily opened Lettuce connection. Lettuce connections are thread-safe and pipeline commands
 * from many threads, so a queue needs only one. Every client shares one set of I/O threads. Keys
 * and values are UTF-8 strings ({@link Utf8Codec}).
 */
final class RedisConnection implements AutoCloseable {
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
  private static final int CONNECT_ATTEMPTS = 3;

  private final RedisOptions options;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private boolean closed;

  RedisConnection(RedisOptions options) {
    this.options = options;
  }

  /** The commands of the connection, connecting first if need be. */
  synchronized RedisCommands<String, String> commands() {
    if (closed) {
      throw new IllegalStateException("queue '" + options.uri() + "' is closed");
    }
    if (connection == null || !connection.isOpen()) {
      if (client == null) {
        client = RedisClient.create(SharedResources.INSTANCE, options.redisUri());
        client.setOptions(
            ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
      }
      if (connection != null) {
        connection.close();
      }
      connection = connect();
    }
    return connection.sync();
  }

  /**
   * Connects. When the server refuses the handshake (a wrong password), Lettuce sometimes loses the
   * server's answer in a race and reports an IllegalStateException instead; then ask again, so that
   * the caller learns the real reason.
   */
  private StatefulRedisConnection<String, String> connect() {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.connect(Utf8Codec.INSTANCE);
      } catch (RedisConnectionException e) {
        if (attempt >= CONNECT_ATTEMPTS || !(rootCause(e) instanceof IllegalStateException)) {
          throw e;
        }
      }
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (connection != null) {
      connection.close();
      connection = null;
    }
    if (client != null) {
      client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
      client = null;
    }
  }

  /** The I/O threads of every Redis client of this process, made when first needed. */
  private static final class SharedResources {
    static final ClientResources INSTANCE = DefaultClientResources.create();

    static {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> INSTANCE.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                  "edw-redis-shutdown"));
    }
  }
}
