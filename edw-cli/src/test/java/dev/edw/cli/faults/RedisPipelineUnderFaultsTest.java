package dev.edw.cli.faults;

import dev.edw.api.backend.BackendContext;
import dev.edw.core.backend.Backends;
import dev.edw.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** A Redis queue under faults, with results in the embedded store. */
@Tag("slow")
@Tag("redis")
class RedisPipelineUnderFaultsTest extends PipelineUnderFaultsContract {
  @TempDir Path dir;
  private RedisServer redis;

  @BeforeEach
  void startRedis() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Override
  protected Backends backends() {
    return new Backends(new BackendContext(Map.of(), Clock.systemUTC()));
  }

  @Override
  protected String queueUri() {
    return redis.uri("orders");
  }

  @Override
  protected String tableUri() {
    return "sqlite:" + dir.resolve("results.db") + "#results";
  }

  @Override
  protected int messages() {
    return 20_000;
  }
}
