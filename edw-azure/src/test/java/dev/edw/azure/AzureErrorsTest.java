package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.storage.queue.models.QueueStorageException;
import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** How service answers and transport failures map to edw's exceptions. */
class AzureErrorsTest {
  private static final String KEY = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";
  private static final AzureErrors ERRORS =
      new AzureErrors(
          AzureTarget.resolve(
              ResourceUri.parse("azure-queue://myaccount/orders"),
              ResourceKind.QUEUE,
              new BackendContext(Map.of("AZURE_STORAGE_KEY", KEY), Clock.systemUTC())));

  private static QueueStorageException serviceError(int status, String code) {
    HttpRequest request = new HttpRequest(HttpMethod.GET, "https://myaccount.example/orders");
    HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString("x-ms-error-code"), code);
    HttpResponse response =
        new HttpResponse(request) {
          @Override
          public int getStatusCode() {
            return status;
          }

          @Override
          @Deprecated
          public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
          }

          @Override
          public HttpHeaders getHeaders() {
            return headers;
          }

          @Override
          public Flux<ByteBuffer> getBody() {
            return Flux.empty();
          }

          @Override
          public Mono<byte[]> getBodyAsByteArray() {
            return Mono.empty();
          }

          @Override
          public Mono<String> getBodyAsString() {
            return Mono.empty();
          }

          @Override
          public Mono<String> getBodyAsString(Charset charset) {
            return Mono.empty();
          }
        };
    return new QueueStorageException("Status code " + status + ", " + code, response, null);
  }

  @ParameterizedTest
  @CsvSource({
    "503, ServerBusy",
    "500, InternalError",
    "500, OperationTimedOut",
    "429, TooManyRequests",
    "408, RequestTimeout"
  })
  void throttling_and_server_errors_are_retryable_outages(int status, String code) {
    EdwException e = ERRORS.map(serviceError(status, code), "receiving from queue 'orders'");

    assertThat(e).isInstanceOf(BackendUnavailableException.class);
    assertThat(e.retryable()).isTrue();
    assertThat(e).hasMessageContaining("HTTP " + status).hasMessageContaining(code);
  }

  @Test
  void not_found_is_a_missing_resource() {
    EdwException e = ERRORS.map(serviceError(404, "QueueNotFound"), "sending to queue 'orders'");

    assertThat(e)
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("QueueNotFound");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void a_bad_request_is_not_retryable() {
    EdwException e = ERRORS.map(serviceError(400, "InvalidQueryParameterValue"), "receiving");

    assertThat(e).isInstanceOf(InvalidInputException.class);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void a_refused_signature_names_the_credential_source_but_not_the_key() {
    EdwException e = ERRORS.map(serviceError(403, "AuthenticationFailed"), "sending");

    assertThat(e.retryable()).isFalse();
    assertThat(e).hasMessageContaining("AZURE_STORAGE_KEY").hasMessageNotContaining(KEY);
  }

  @Test
  void a_refused_connection_is_a_retryable_outage() {
    RuntimeException wrapped =
        new RuntimeException(new UncheckedIOException(new ConnectException("Connection refused")));

    EdwException e = ERRORS.map(wrapped, "sending");

    assertThat(e).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("refused");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void no_credential_found_is_a_sign_in_failure_that_is_not_retried() {
    RuntimeException noIdentity =
        new com.azure.identity.CredentialUnavailableException(
            "DefaultAzureCredential failed to retrieve a token");

    EdwException e = ERRORS.map(noIdentity, "sending");

    assertThat(e.retryable()).isFalse();
    assertThat(e).hasMessageContaining("could not sign in").hasMessageContaining("DefaultAzure");
  }

  @Test
  void secrets_are_scrubbed_from_any_message() {
    assertThat(AzureErrors.scrub("key " + KEY + " leaked", java.util.List.of(KEY)))
        .isEqualTo("key *** leaked");
  }

  @Test
  void missing_credentials_are_a_configuration_error_with_the_fix_on_one_line() {
    RuntimeException failure =
        new RuntimeException(
            new com.azure.identity.CredentialUnavailableException(
                "DefaultAzureCredential failed to retrieve a token from the included credentials."
                    + "\nEnvironmentCredential authentication unavailable.\nManagedIdentity..."));

    EdwException mapped = ERRORS.map(failure, "receiving from queue 'orders'");

    assertThat(mapped).isInstanceOf(InvalidInputException.class);
    assertThat(mapped.retryable()).isFalse();
    assertThat(mapped.getMessage())
        .contains("no Azure credentials (DefaultAzureCredential failed to retrieve a token")
        .contains("AZURE_STORAGE_CONNECTION_STRING")
        .contains("az login")
        .doesNotContain("\n");
  }
}
