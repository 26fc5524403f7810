package dev.edw.aws;

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

class AwsBackendProviderTest {
  private static final BackendContext CONTEXT =
      new BackendContext(Map.of("AWS_REGION", "us-east-1"), Clock.systemUTC());

  @Test
  void service_loader_finds_the_provider_for_sqs_and_dynamodb() {
    assertThat(ServiceLoader.load(BackendProvider.class).stream())
        .extracting(ServiceLoader.Provider::get)
        .filteredOn(p -> p instanceof AwsBackendProvider)
        .singleElement()
        .satisfies(p -> assertThat(p.schemes()).containsExactlyInAnyOrder("sqs", "dynamodb"));
  }

  @Test
  void sqs_offers_queues_and_dynamodb_offers_tables_only() {
    AwsBackendProvider provider = new AwsBackendProvider();

    assertThat(provider.kinds("sqs")).containsExactly(ResourceKind.QUEUE);
    assertThat(provider.kinds("dynamodb")).containsExactly(ResourceKind.TABLE);
    assertThatThrownBy(() -> provider.openTable(ResourceUri.parse("sqs:orders"), CONTEXT))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> provider.openQueue(ResourceUri.parse("dynamodb:results"), CONTEXT))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> provider.openBlobStore(ResourceUri.parse("sqs:orders"), CONTEXT))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void opening_does_not_call_aws() {
    AwsBackendProvider provider = new AwsBackendProvider();

    try (var queue = provider.openQueue(ResourceUri.parse("sqs://us-east-1/orders.fifo"), CONTEXT);
        var table = provider.openTable(ResourceUri.parse("dynamodb:results"), CONTEXT)) {
      assertThat(queue.name()).isEqualTo("orders.fifo");
      assertThat(queue.poisonQueueName()).isEqualTo("orders-poison.fifo");
      assertThat(table.name()).isEqualTo("results");
      assertThat(table.maxBatch()).isEqualTo(25);
    }
  }

  @Test
  void missing_credentials_are_a_configuration_error_not_an_outage() {
    var failure =
        software.amazon.awssdk.core.exception.SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain"
                + " AwsCredentialsProviderChain(...)");

    var mapped = AwsErrors.map(failure, "queue 'orders'");

    assertThat(mapped).isInstanceOf(InvalidInputException.class);
    assertThat(mapped.getMessage()).contains("no AWS credentials").contains("AWS_PROFILE");
  }

  @Test
  void an_unknown_parameter_is_refused_naming_the_known_ones() {
    AwsBackendProvider provider = new AwsBackendProvider();

    assertThatThrownBy(
            () -> provider.openQueue(ResourceUri.parse("sqs://us-east-1/q?grup=a"), CONTEXT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("known: endpoint, group, region");
  }
}
