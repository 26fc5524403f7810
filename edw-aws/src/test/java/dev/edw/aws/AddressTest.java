package dev.edw.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AddressTest {
  private static BackendContext env(String... pairs) {
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return new BackendContext(map, Clock.systemUTC());
  }

  @Test
  void region_and_name_come_from_an_sqs_uri() {
    SqsAddress a = SqsAddress.from(ResourceUri.parse("sqs://eu-west-1/orders"), env());

    assertThat(a.name()).isEqualTo("orders");
    assertThat(a.location().region()).isEqualTo(Region.EU_WEST_1);
    assertThat(a.location().endpoint()).isEmpty();
    assertThat(a.queueUrl()).isEmpty();
  }

  @Test
  void endpoint_parameter_overrides_the_public_endpoint() {
    SqsAddress a =
        SqsAddress.from(
            ResourceUri.parse("sqs://us-east-1/orders.fifo?endpoint=http://127.0.0.1:9324"), env());

    assertThat(a.name()).isEqualTo("orders.fifo");
    assertThat(a.location().endpoint()).contains(URI.create("http://127.0.0.1:9324"));
  }

  @Test
  void full_queue_url_gives_name_region_and_url() {
    SqsAddress a =
        SqsAddress.from(
            ResourceUri.parse("sqs:https://sqs.us-east-1.amazonaws.com/123456789012/orders"),
            env());

    assertThat(a.name()).isEqualTo("orders");
    assertThat(a.location().region()).isEqualTo(Region.US_EAST_1);
    assertThat(a.location().endpoint()).isEmpty();
    assertThat(a.queueUrl()).contains("https://sqs.us-east-1.amazonaws.com/123456789012/orders");
  }

  @Test
  void queue_url_of_an_emulator_is_also_its_endpoint() {
    SqsAddress a =
        SqsAddress.from(
            ResourceUri.parse("sqs:http://localhost:9324/000000000000/orders"),
            env("AWS_REGION", "us-west-2"));

    assertThat(a.location().endpoint()).contains(URI.create("http://localhost:9324"));
    assertThat(a.location().region()).isEqualTo(Region.US_WEST_2);
  }

  @Test
  void sqs_queue_url_name_stands_for_the_queue_in_the_variable() {
    SqsAddress a =
        SqsAddress.from(
            ResourceUri.parse("sqs:SQS_QUEUE_URL"),
            env("SQS_QUEUE_URL", "https://sqs.ap-south-1.amazonaws.com/123456789012/jobs.fifo"));

    assertThat(a.name()).isEqualTo("jobs.fifo");
    assertThat(a.location().region()).isEqualTo(Region.AP_SOUTH_1);
    assertThat(a.uri().withName(SqsNames.poisonName(a.name())).format())
        .isEqualTo("sqs:https://sqs.ap-south-1.amazonaws.com/123456789012/jobs-poison.fifo");
  }

  @Test
  void sqs_queue_url_of_the_same_name_saves_the_lookup() {
    SqsAddress a =
        SqsAddress.from(
            ResourceUri.parse("sqs:jobs"),
            env(
                "AWS_REGION",
                "us-east-1",
                "SQS_QUEUE_URL",
                "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"));

    assertThat(a.queueUrl()).contains("https://sqs.us-east-1.amazonaws.com/123456789012/jobs");
  }

  @Test
  void missing_region_is_an_error_that_says_how_to_give_one() {
    assertThatThrownBy(() -> SqsAddress.from(ResourceUri.parse("sqs:orders"), env()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void dynamodb_uri_and_the_table_variable_resolve_to_a_table() {
    DynamoDbAddress a =
        DynamoDbAddress.from(
            ResourceUri.parse("dynamodb://us-east-1/results?endpoint=http://127.0.0.1:8000"),
            env());
    DynamoDbAddress b =
        DynamoDbAddress.from(
            ResourceUri.parse("dynamodb:DYNAMODB_TABLE"),
            env("DYNAMODB_TABLE", "edw-results", "AWS_DEFAULT_REGION", "eu-central-1"));

    assertThat(a.table()).isEqualTo("results");
    assertThat(a.location().endpoint()).contains(URI.create("http://127.0.0.1:8000"));
    assertThat(b.table()).isEqualTo("edw-results");
    assertThat(b.location().region()).isEqualTo(Region.EU_CENTRAL_1);
  }

  @Test
  void static_keys_come_from_the_context_not_the_process() {
    var provider =
        AwsClients.credentials(
            env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "s3cr3t"));

    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(provider.toString()).doesNotContain("s3cr3t");
  }
}
