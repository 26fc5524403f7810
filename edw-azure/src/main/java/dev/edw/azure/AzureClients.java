package dev.edw.azure;

import com.azure.core.credential.AzureNamedKeyCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import dev.edw.api.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds the SDK's synchronous clients with edw's retry policy, the JDK HTTP client and the
 * target's credentials. One HTTP client per distinct timeout setting and one DefaultAzureCredential
 * (with its token cache) are shared by every resource of a provider.
 */
final class AzureClients {
  private record Timeouts(Duration connect, Duration response) {}

  private final Map<Timeouts, HttpClient> httpClients = new ConcurrentHashMap<>();
  private volatile TokenCredential defaultCredential;

  QueueClient queue(AzureTarget target, AzureOptions options) {
    return build(
        target,
        () -> {
          QueueClientBuilder b =
              new QueueClientBuilder()
                  .httpClient(httpClient(options))
                  .retryOptions(storageRetry(options))
                  // edw encodes itself (MessageCodec), so a bad message cannot fail a receive
                  .messageEncoding(QueueMessageEncoding.NONE);
          switch (target.auth()) {
            case AzureAuth.ConnectionString cs -> b.connectionString(cs.value());
            case AzureAuth.SharedKey k ->
                b.credential(new StorageSharedKeyCredential(k.account(), k.key()));
            case AzureAuth.DefaultCredential d -> b.credential(defaultCredential());
          }
          if (target.endpoint() != null) {
            b.endpoint(target.endpoint());
          }
          return b.queueName(target.name()).buildClient();
        });
  }

  TableClient table(AzureTarget target, AzureOptions options) {
    return build(
        target,
        () -> {
          TableClientBuilder b =
              new TableClientBuilder()
                  .httpClient(httpClient(options))
                  .retryOptions(coreRetry(options));
          switch (target.auth()) {
            case AzureAuth.ConnectionString cs -> b.connectionString(cs.value());
            case AzureAuth.SharedKey k ->
                b.credential(new AzureNamedKeyCredential(k.account(), k.key()));
            case AzureAuth.DefaultCredential d -> b.credential(defaultCredential());
          }
          if (target.endpoint() != null) {
            b.endpoint(target.endpoint());
          }
          return b.tableName(target.name()).buildClient();
        });
  }

  BlobContainerClient container(AzureTarget target, AzureOptions options) {
    return build(
        target,
        () -> {
          BlobContainerClientBuilder b =
              new BlobContainerClientBuilder()
                  .httpClient(httpClient(options))
                  .retryOptions(storageRetry(options));
          switch (target.auth()) {
            case AzureAuth.ConnectionString cs -> b.connectionString(cs.value());
            case AzureAuth.SharedKey k ->
                b.credential(new StorageSharedKeyCredential(k.account(), k.key()));
            case AzureAuth.DefaultCredential d -> b.credential(defaultCredential());
          }
          if (target.endpoint() != null) {
            b.endpoint(target.endpoint());
          }
          return b.containerName(target.name()).buildClient();
        });
  }

  /**
   * Runs a builder; its complaints (a malformed connection string or endpoint) become an {@link
   * InvalidInputException} scrubbed of secrets and without the SDK's exception, whose message might
   * quote them.
   */
  private static <T> T build(AzureTarget target, Supplier<T> builder) {
    try {
      return builder.get();
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          AzureErrors.scrub(
              "'"
                  + target.uri()
                  + "': cannot set up the client with "
                  + target.auth().describe()
                  + ": "
                  + e.getMessage(),
              target.auth().secrets()));
    }
  }

  private HttpClient httpClient(AzureOptions options) {
    return httpClients.computeIfAbsent(
        new Timeouts(options.connectTimeout(), options.tryTimeout()),
        t ->
            new JdkHttpClientBuilder()
                .connectionTimeout(t.connect())
                .responseTimeout(t.response())
                .readTimeout(t.response())
                .writeTimeout(t.response())
                .build());
  }

  private static RequestRetryOptions storageRetry(AzureOptions options) {
    return new RequestRetryOptions(
        RetryPolicyType.EXPONENTIAL,
        options.maxTries(),
        options.tryTimeout(),
        options.retryDelay(),
        options.maxRetryDelay(),
        null);
  }

  private static RetryOptions coreRetry(AzureOptions options) {
    return new RetryOptions(
        new ExponentialBackoffOptions()
            .setMaxRetries(options.maxTries() - 1)
            .setBaseDelay(options.retryDelay())
            .setMaxDelay(options.maxRetryDelay()));
  }

  private TokenCredential defaultCredential() {
    TokenCredential credential = defaultCredential;
    if (credential == null) {
      synchronized (this) {
        if (defaultCredential == null) {
          defaultCredential = new DefaultAzureCredentialBuilder().build();
        }
        credential = defaultCredential;
      }
    }
    return credential;
  }
}
