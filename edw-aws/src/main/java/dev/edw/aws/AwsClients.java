package dev.edw.aws;

import dev.edw.api.backend.BackendContext;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds SDK clients. Credentials: when the {@link BackendContext} holds AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY (and maybe AWS_SESSION_TOKEN), those; otherwise the SDK's default chain
 * (system properties, environment, web identity for IRSA, profile, EKS Pod Identity and ECS
 * container credentials, EC2 instance profile). Keys are never logged nor put in messages.
 */
final class AwsClients {
  private AwsClients() {}

  static SqsClient sqs(AwsLocation location, BackendContext context, AwsClientOptions options) {
    SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(http(options));
    return common(builder, location, context, options).build();
  }

  static DynamoDbClient dynamoDb(
      AwsLocation location, BackendContext context, AwsClientOptions options) {
    DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(http(options));
    return common(builder, location, context, options).build();
  }

  private static UrlConnectionHttpClient.Builder http(AwsClientOptions options) {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(options.connectTimeout())
        .socketTimeout(options.socketTimeout());
  }

  private static <B extends AwsClientBuilder<B, ?>> B common(
      B builder, AwsLocation location, BackendContext context, AwsClientOptions options) {
    builder
        .region(location.region())
        .credentialsProvider(credentials(context))
        .overrideConfiguration(c -> c.apiCallTimeout(options.apiCallTimeout()));
    location.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  /** Static keys from the context when it has them, else the default chain. */
  static AwsCredentialsProvider credentials(BackendContext context) {
    Optional<String> keyId = context.envVar("AWS_ACCESS_KEY_ID");
    Optional<String> secret = context.envVar("AWS_SECRET_ACCESS_KEY");
    if (keyId.isPresent() && secret.isPresent()) {
      Optional<String> token = context.envVar("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(
          token.isPresent()
              ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
              : AwsBasicCredentials.create(keyId.get(), secret.get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
