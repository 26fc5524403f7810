package dev.edw.aws;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts ElasticMQ (SQS) and DynamoDB Local inside the test JVM, each on a free port, once for all
 * test classes that use this extension; JUnit closes them when the run ends.
 */
public final class LocalAws implements BeforeAllCallback {
  /** Dummy keys (DynamoDB Local wants letters and digits only), passed as real ones would be. */
  static final BackendContext CONTEXT =
      new BackendContext(
          Map.of(
              "AWS_ACCESS_KEY_ID", "testKeyId",
              "AWS_SECRET_ACCESS_KEY", "testSecret",
              "AWS_REGION", "us-east-1"),
          Clock.systemUTC());

  static final AwsBackendProvider PROVIDER = new AwsBackendProvider();

  private static volatile LocalAwsServers servers;

  @Override
  public void beforeAll(ExtensionContext context) {
    servers =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(LocalAws.class))
            .getOrComputeIfAbsent(
                LocalAwsServers.class, type -> LocalAwsServers.start(), LocalAwsServers.class);
  }

  /** {@code sqs://us-east-1/NAME?endpoint=...} on the local ElasticMQ. */
  static ResourceUri sqsUri(String name) {
    return ResourceUri.parse("sqs://us-east-1/" + name + "?endpoint=" + servers.sqsEndpoint());
  }

  /** {@code dynamodb://us-east-1/NAME?endpoint=...} on the local DynamoDB. */
  static ResourceUri dynamoDbUri(String name) {
    return ResourceUri.parse(
        "dynamodb://us-east-1/" + name + "?endpoint=" + servers.dynamoDbEndpoint());
  }

  public static String sqsEndpoint() {
    return servers.sqsEndpoint();
  }

  public static String dynamoDbEndpoint() {
    return servers.dynamoDbEndpoint();
  }

  /** An SQS client for the local ElasticMQ that passes every call through {@code interceptors}. */
  static SqsClient sqsClient(ExecutionInterceptor... interceptors) {
    return SqsClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(sqsEndpoint()))
        .credentialsProvider(AwsClients.credentials(CONTEXT))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
        .build();
  }

  /** A DynamoDB client for DynamoDB Local that passes every call through {@code interceptors}. */
  static DynamoDbClient dynamoDbClient(ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(dynamoDbEndpoint()))
        .credentialsProvider(AwsClients.credentials(CONTEXT))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
        .build();
  }

  /** A port nothing listens on (it was free a moment ago). */
  public static int freePort() {
    return LocalAwsServers.freePort();
  }
}
