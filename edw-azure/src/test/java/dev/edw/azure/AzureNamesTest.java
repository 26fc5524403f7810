package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names and keys Azure refuses are refused first, with the rule in the message. */
class AzureNamesTest {
  private static final AzureBackendProvider PROVIDER = new AzureBackendProvider();
  private static final BackendContext CONTEXT =
      new BackendContext(
          Map.of("AZURE_STORAGE_KEY", "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs="),
          Clock.systemUTC());

  /** Nothing listens here: these tests must fail before any request. */
  private static final String NOWHERE = "?endpoint=http://127.0.0.1:9/devstoreaccount1";

  @ParameterizedTest
  @ValueSource(strings = {"Orders", "ab", "a--b", "-orders", "orders-", "my_queue", "q.1"})
  void invalid_queue_names_are_refused_with_the_rules(String name) {
    ResourceUri uri = ResourceUri.parse("azure-queue://devstoreaccount1/" + name + NOWHERE);

    assertThatThrownBy(() -> PROVIDER.openQueue(uri, CONTEXT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'" + name + "' is not a valid Azure queue name")
        .hasMessageContaining("lowercase letters, digits and hyphens");
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "job-results-2", "abc"})
  void valid_queue_names_open(String name) {
    ResourceUri uri = ResourceUri.parse("azure-queue://devstoreaccount1/" + name + NOWHERE);

    assertThatCode(() -> PROVIDER.openQueue(uri, CONTEXT).close()).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1results", "ab", "my-results", "my_results", "tables"})
  void invalid_table_names_are_refused_with_the_rules(String name) {
    ResourceUri uri = ResourceUri.parse("azure-table://devstoreaccount1/" + name + NOWHERE);

    assertThatThrownBy(() -> PROVIDER.openTable(uri, CONTEXT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'" + name + "' is not a valid Azure table name")
        .hasMessageContaining("starting with a letter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Images", "a--b", "x"})
  void invalid_container_names_are_refused_with_the_rules(String name) {
    ResourceUri uri = ResourceUri.parse("azure-blob://devstoreaccount1/" + name + NOWHERE);

    assertThatThrownBy(() -> PROVIDER.openBlobStore(uri, CONTEXT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a valid Azure blob container name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "a\\b", "a#b", "a?b", "a\u0001b", "a\u007fb", "a\nb"})
  void keys_with_characters_table_storage_forbids_are_refused_before_anything_is_sent(String key) {
    ResultTable table =
        PROVIDER.openTable(
            ResourceUri.parse("azure-table://devstoreaccount1/results" + NOWHERE), CONTEXT);
    Entity badRow = new Entity("p", key, Map.of("n", 1L));
    Entity badPartition = new Entity(key, "r", Map.of("n", 1L));

    assertThatThrownBy(() -> table.upsert(List.of(new Entity("p", "fine", Map.of()), badRow)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("RowKey")
        .hasMessageContaining("forbids");
    assertThatThrownBy(() -> table.upsert(List.of(badPartition)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("PartitionKey");
    assertThatThrownBy(() -> table.get("p", key)).isInstanceOf(InvalidInputException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"MyAccount", "ab", "my-account"})
  void invalid_account_names_are_refused(String account) {
    ResourceUri uri = ResourceUri.parse("azure-queue://" + account + "/orders");

    assertThatThrownBy(() -> PROVIDER.openQueue(uri, CONTEXT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a valid Azure Storage account name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"messageEncoding=hex", "maxTries=0", "tryTimeoutMs=soon", "messageTtlSeconds=0"})
  void bad_parameters_are_refused_clearly(String param) {
    ResourceUri uri = ResourceUri.parse("azure-queue://devstoreaccount1/orders?" + param);

    assertThatThrownBy(() -> PROVIDER.openQueue(uri, CONTEXT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(param.substring(0, param.indexOf('=')));
  }

  @ParameterizedTest
  @ValueSource(strings = {"azure-queue", "azure-table", "azure-blob"})
  void each_scheme_offers_exactly_its_own_kind(String scheme) {
    assertThat(PROVIDER.schemes()).contains(scheme);
    assertThat(PROVIDER.kinds(scheme)).hasSize(1);
    assertThat(PROVIDER.describe(scheme)).contains(scheme + "://ACCOUNT/");
  }
}
