package dev.edw.cli.faults;

import dev.edw.api.backend.BackendContext;
import dev.edw.core.backend.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store under faults: queue and results in separate files, as README recommends. */
@Tag("slow")
class SqlitePipelineUnderFaultsTest extends PipelineUnderFaultsContract {
  @TempDir Path dir;

  @Override
  protected Backends backends() {
    return new Backends(new BackendContext(Map.of(), Clock.systemUTC()));
  }

  @Override
  protected String queueUri() {
    return "sqlite:" + dir.resolve("queue.db") + "#orders";
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
