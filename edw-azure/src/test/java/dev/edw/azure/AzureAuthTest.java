package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seeds' environment variables work against a real service (Azurite). */
@Tag("azure")
class AzureAuthTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  private static final AzureBackendProvider PROVIDER = new AzureBackendProvider();

  private static BackendContext env(Map<String, String> variables) {
    return new BackendContext(variables, Clock.systemUTC());
  }

  @Test
  void a_connection_string_from_the_environment_is_enough_for_a_bare_queue_name() {
    BackendContext context =
        env(Map.of("AZURE_STORAGE_CONNECTION_STRING", AZURITE.azurite().connectionString()));

    try (WorkQueue queue =
        PROVIDER.openQueue(ResourceUri.parse("azure-queue:envorders"), context)) {
      queue.createIfMissing();
      queue.send(OutgoingMessage.of("via connection string"));

      assertThat(queue.receive(1, Duration.ofSeconds(30), Duration.ofSeconds(5)))
          .singleElement()
          .matches(m -> m.body().equals("via connection string"));
    }
  }

  @Test
  void account_key_and_table_name_from_the_environment_open_the_table_of_an_account_uri() {
    BackendContext context =
        env(Map.of("AZURE_STORAGE_KEY", Azurite.KEY, "AZURE_TABLE_NAME", "envresults"));
    ResourceUri uri =
        ResourceUri.parse(
            "azure-table://devstoreaccount1?endpoint="
                + Azurite.encode(AZURITE.azurite().endpoint("table")));

    try (ResultTable table = PROVIDER.openTable(uri, context)) {
      table.createIfMissing();
      table.upsert(List.of(new Entity("p", "r", Map.of("ok", true))));

      assertThat(table.name()).isEqualTo("envresults");
      assertThat(table.get("p", "r")).map(e -> e.properties().get("ok")).contains(true);
    }
  }

  @Test
  void the_account_name_from_the_environment_fills_a_uri_without_one() {
    BackendContext context =
        env(
            Map.of(
                "AZURE_STORAGE_ACCOUNT_NAME", Azurite.ACCOUNT, "AZURE_STORAGE_KEY", Azurite.KEY));
    ResourceUri uri =
        ResourceUri.parse(
            "azure-blob:///envfiles?endpoint="
                + Azurite.encode(AZURITE.azurite().endpoint("blob")));

    try (BlobStore blobs = PROVIDER.openBlobStore(uri, context)) {
      blobs.createIfMissing();
      blobs.put("a.txt", "env".getBytes(StandardCharsets.UTF_8));

      assertThat(blobs.uri().toString()).startsWith("azure-blob://devstoreaccount1/envfiles");
      assertThat(blobs.get("a.txt")).asString(StandardCharsets.UTF_8).isEqualTo("env");
    }
  }
}
