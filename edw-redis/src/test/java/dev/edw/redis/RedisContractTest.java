package dev.edw.redis;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.WorkQueue;
import dev.edw.testkit.RedisServer;
import dev.edw.testkit.WorkQueueContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The work-queue contract against a real redis-server. */
@Tag("redis")
class RedisContractTest extends WorkQueueContract {
  private static RedisServer server;
  private static final RedisBackendProvider PROVIDER = new RedisBackendProvider();

  @BeforeAll
  static void startServer() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected WorkQueue openQueue(String name) {
    return PROVIDER.openQueue(ResourceUri.parse(server.uri(name)), BackendContext.system());
  }
}
