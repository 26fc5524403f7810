package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.BackendProvider;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** URI forms, environment defaults and the order in which credentials are found. */
class AzureTargetTest {
  private static final String KEY = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";

  private static AzureTarget resolve(String uri, ResourceKind kind, Map<String, String> env) {
    return AzureTarget.resolve(
        ResourceUri.parse(uri), kind, new BackendContext(env, Clock.systemUTC()));
  }

  @Test
  void account_and_name_come_from_the_uri_with_the_public_endpoint_by_default() {
    AzureTarget t = resolve("azure-queue://myaccount/orders", ResourceKind.QUEUE, Map.of());

    assertThat(t.account()).isEqualTo("myaccount");
    assertThat(t.name()).isEqualTo("orders");
    assertThat(t.endpoint()).isEqualTo("https://myaccount.queue.core.windows.net");
    assertThat(t.auth()).isInstanceOf(AzureAuth.DefaultCredential.class);
  }

  @Test
  void each_kind_gets_its_own_service_endpoint_and_the_endpoint_parameter_wins() {
    AzureTarget table = resolve("azure-table://myaccount/results", ResourceKind.TABLE, Map.of());
    AzureTarget blob = resolve("azure-blob://myaccount/images", ResourceKind.BLOB, Map.of());
    AzureTarget azurite =
        resolve(
            "azure-table://devstoreaccount1/results?endpoint=http://127.0.0.1:10002/devstoreaccount1/",
            ResourceKind.TABLE,
            Map.of());

    assertThat(table.endpoint()).isEqualTo("https://myaccount.table.core.windows.net");
    assertThat(blob.endpoint()).isEqualTo("https://myaccount.blob.core.windows.net");
    assertThat(azurite.endpoint()).isEqualTo("http://127.0.0.1:10002/devstoreaccount1");
  }

  @Test
  void a_uri_without_an_account_takes_it_from_the_environment() {
    Map<String, String> env = Map.of("AZURE_STORAGE_ACCOUNT_NAME", "envaccount");

    AzureTarget bare = resolve("azure-queue:orders", ResourceKind.QUEUE, env);
    AzureTarget tripleSlash = resolve("azure-queue:///orders", ResourceKind.QUEUE, env);

    assertThat(bare.account()).isEqualTo("envaccount");
    assertThat(tripleSlash.account()).isEqualTo("envaccount");
    assertThat(bare.uri().toString()).isEqualTo("azure-queue://envaccount/orders");
  }

  @Test
  void a_uri_with_only_an_account_takes_the_name_from_the_environment() {
    Map<String, String> env = Map.of("AZURE_QUEUE_NAME", "jobs", "AZURE_TABLE_NAME", "results");

    AzureTarget queue = resolve("azure-queue://myaccount", ResourceKind.QUEUE, env);
    AzureTarget table = resolve("azure-table://myaccount", ResourceKind.TABLE, env);

    assertThat(queue.name()).isEqualTo("jobs");
    assertThat(queue.account()).isEqualTo("myaccount");
    assertThat(table.name()).isEqualTo("results");
    assertThat(table.uri().toString()).isEqualTo("azure-table://myaccount/results");
  }

  @Test
  void missing_account_or_name_says_which_variable_to_set() {
    assertThatThrownBy(() -> resolve("azure-queue:orders", ResourceKind.QUEUE, Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("AZURE_STORAGE_ACCOUNT_NAME");
    assertThatThrownBy(() -> resolve("azure-queue://myaccount", ResourceKind.QUEUE, Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("AZURE_QUEUE_NAME");
    assertThatThrownBy(() -> resolve("azure-blob://a/b/c", ResourceKind.BLOB, Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("azure-blob://ACCOUNT/NAME");
  }

  @Test
  void credentials_are_found_in_order_parameter_then_environment_then_default_credential() {
    Map<String, String> env =
        Map.of(
            "AZURE_STORAGE_CONNECTION_STRING",
            "AccountName=myaccount;AccountKey=" + KEY,
            "AZURE_STORAGE_KEY",
            KEY);

    assertThat(resolve("azure-queue://myaccount/q1?accountKey=k", ResourceKind.QUEUE, env).auth())
        .isInstanceOf(AzureAuth.SharedKey.class);
    assertThat(
            resolve("azure-queue://myaccount/q1?connectionString=c", ResourceKind.QUEUE, env)
                .auth())
        .isInstanceOf(AzureAuth.ConnectionString.class);
    assertThat(resolve("azure-queue://myaccount/q1", ResourceKind.QUEUE, env).auth())
        .isInstanceOf(AzureAuth.ConnectionString.class);
    assertThat(
            resolve(
                    "azure-queue://myaccount/q1",
                    ResourceKind.QUEUE,
                    Map.of("AZURE_STORAGE_KEY", KEY))
                .auth())
        .isInstanceOf(AzureAuth.SharedKey.class);
    assertThat(resolve("azure-queue://myaccount/q1", ResourceKind.QUEUE, Map.of()).auth())
        .isInstanceOf(AzureAuth.DefaultCredential.class);
  }

  @Test
  void a_connection_string_names_the_account_when_the_uri_does_not() {
    Map<String, String> env =
        Map.of(
            "AZURE_STORAGE_CONNECTION_STRING",
            "DefaultEndpointsProtocol=https;AccountName=csaccount;AccountKey=" + KEY);

    AzureTarget t = resolve("azure-queue:orders", ResourceKind.QUEUE, env);

    assertThat(t.endpoint()).isNull();
    assertThat(t.auth()).isInstanceOf(AzureAuth.ConnectionString.class);
  }

  @Test
  void a_connection_string_for_another_account_is_refused_without_showing_it() {
    Map<String, String> env =
        Map.of("AZURE_STORAGE_CONNECTION_STRING", "AccountName=other;AccountKey=" + KEY);

    assertThatThrownBy(() -> resolve("azure-queue://myaccount/orders", ResourceKind.QUEUE, env))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'other'")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void the_provider_is_found_by_service_loader() {
    assertThat(ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(p -> assertThat(p.schemes()).contains("azure-queue", "azure-table"));
  }
}
