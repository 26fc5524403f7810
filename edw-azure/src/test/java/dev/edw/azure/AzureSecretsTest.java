package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.WorkQueue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Account keys and connection strings never show in URIs, messages or stack traces. */
class AzureSecretsTest {
  private static final String KEY = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";
  private static final String CONNECTION_STRING =
      "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + KEY;
  private static final AzureBackendProvider PROVIDER = new AzureBackendProvider();

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void an_account_key_in_the_uri_never_shows_in_its_text_or_in_errors() throws IOException {
    String endpoint = "http://127.0.0.1:" + closedPort() + "/devstoreaccount1";
    ResourceUri uri =
        ResourceUri.parse(
            "azure-queue://devstoreaccount1/orders?endpoint="
                + Azurite.encode(endpoint)
                + "&accountKey="
                + Azurite.encode(KEY)
                + "&maxTries=1");
    WorkQueue queue = PROVIDER.openQueue(uri, BackendContext.system());

    Throwable failure = catchThrowable(() -> queue.send(OutgoingMessage.of("x")));

    assertThat(uri.toString()).doesNotContain(KEY).contains("accountKey=***");
    assertThat(queue.uri().toString()).doesNotContain(KEY);
    assertThat(failure).isInstanceOf(BackendUnavailableException.class);
    assertThat(((EdwException) failure).retryable()).isTrue();
    assertThat(everything(failure)).doesNotContain(KEY);
  }

  @Test
  void a_connection_string_from_the_environment_never_shows_in_errors() throws IOException {
    String cs = CONNECTION_STRING + ";QueueEndpoint=http://127.0.0.1:" + closedPort() + "/x";
    BackendContext context =
        new BackendContext(Map.of("AZURE_STORAGE_CONNECTION_STRING", cs), Clock.systemUTC());
    WorkQueue queue =
        PROVIDER.openQueue(ResourceUri.parse("azure-queue:orders?maxTries=1"), context);

    Throwable failure = catchThrowable(queue::depth);

    assertThat(failure).isInstanceOf(BackendUnavailableException.class);
    assertThat(everything(failure)).doesNotContain(KEY).doesNotContain(cs);
  }

  @Test
  void a_malformed_connection_string_is_refused_without_quoting_it() {
    String bad = "AccountName=devstoreaccount1;AccountKey=" + KEY + ";Nonsense";
    ResourceUri uri =
        ResourceUri.parse("azure-table:results?connectionString=" + Azurite.encode(bad));

    Throwable failure = catchThrowable(() -> PROVIDER.openTable(uri, BackendContext.system()));

    assertThat(failure).isInstanceOf(InvalidInputException.class);
    assertThat(everything(failure)).doesNotContain(KEY);
    assertThat(uri.toString()).doesNotContain(KEY).contains("connectionString=***");
  }
}
