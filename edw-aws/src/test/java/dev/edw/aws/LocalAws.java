package dev.edw.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
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

  private static volatile Servers servers;

  @Override
  public void beforeAll(ExtensionContext context) {
    servers =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(LocalAws.class))
            .getOrComputeIfAbsent(Servers.class, type -> Servers.start(), Servers.class);
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

  static String sqsEndpoint() {
    return servers.sqsEndpoint();
  }

  static String dynamoDbEndpoint() {
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
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Servers(SQSRestServer sqs, int sqsPort, DynamoDBProxyServer dynamo, int dynamoPort)
      implements AutoCloseable {

    static Servers start() {
      int sqsPort = freePort();
      SQSRestServer sqs =
          SQSRestServerBuilder.withPort(sqsPort)
              .withInterface("127.0.0.1")
              .withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, ""))
              .start();
      sqs.waitUntilStarted();
      int dynamoPort = freePort();
      DynamoDBProxyServer dynamo;
      try {
        dynamo =
            ServerRunner.createServerFromCommandLineArgs(
                new String[] {
                  "-inMemory", "-disableTelemetry", "-port", Integer.toString(dynamoPort)
                });
        dynamo.start();
      } catch (Exception e) {
        sqs.stopAndWait();
        throw new IllegalStateException("DynamoDB Local did not start", e);
      }
      return new Servers(sqs, sqsPort, dynamo, dynamoPort);
    }

    String sqsEndpoint() {
      return "http://127.0.0.1:" + sqsPort;
    }

    String dynamoDbEndpoint() {
      return "http://127.0.0.1:" + dynamoPort;
    }

    @Override
    public void close() {
      try {
        dynamo.stop();
      } catch (Exception e) {
        throw new IllegalStateException("DynamoDB Local did not stop", e);
      } finally {
        sqs.stopAndWait();
      }
    }
  }
}
