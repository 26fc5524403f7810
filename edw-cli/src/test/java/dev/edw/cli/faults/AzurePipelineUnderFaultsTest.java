package dev.edw.cli.faults;

import dev.edw.api.backend.BackendContext;
import dev.edw.azure.Azurite;
import dev.edw.core.backend.Backends;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** An Azure queue and table (Azurite) under faults. */
@Tag("azure")
@Tag("slow")
class AzurePipelineUnderFaultsTest extends PipelineUnderFaultsContract {
  private static Azurite azurite;
  private final String suffix = Long.toString(System.nanoTime(), 36);

  @BeforeAll
  static void startAzurite() {
    azurite = Azurite.start();
  }

  @AfterAll
  static void stopAzurite() {
    if (azurite != null) { // null when it could not start: that error is the one to report
      azurite.close();
    }
  }

  @Override
  protected Backends backends() {
    return new Backends(new BackendContext(Map.of(), Clock.systemUTC()));
  }

  @Override
  protected String queueUri() {
    return azurite.uri("azure-queue", "orders" + suffix).format();
  }

  @Override
  protected String tableUri() {
    return azurite.uri("azure-table", "results" + suffix).format();
  }

  @Override
  protected int messages() {
    return 1_000;
  }
}
