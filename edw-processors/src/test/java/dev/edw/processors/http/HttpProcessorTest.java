package dev.edw.processors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.edw.api.processor.Processor;
import dev.edw.api.table.Entity;
import dev.edw.processors.Consumer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http}: the real consumer POSTing to a real HTTP server on the loopback. */
class HttpProcessorTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @TempDir java.nio.file.Path dir;
  private Consumer consumer;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, String> dequeueCounts = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void open() throws IOException {
    consumer = new Consumer(dir);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/process", this::handle);
    server.start();
  }

  @AfterEach
  void close() throws Exception {
    release.countDown();
    consumer.close();
    server.stop(0);
  }

  /** The app: answers by the body it gets. */
  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String id = exchange.getRequestHeaders().getFirst(HttpOptions.MESSAGE_ID_HEADER);
    String count = exchange.getRequestHeaders().getFirst(HttpOptions.DEQUEUE_COUNT_HEADER);
    dequeueCounts.put(body, count);
    switch (body) {
      case "boom" -> reply(exchange, 503, "database is down");
      case "invalid" -> reply(exchange, 422, "field 'x' is missing");
      case "slow" -> {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        reply(exchange, 200, "");
      }
      case "norows" -> reply(exchange, 204, "");
      default -> {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("PartitionKey", id);
        row.put("RowKey", "r");
        row.put("body", body);
        row.put("attempt", Integer.parseInt(count));
        row.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
        reply(exchange, 200, JSON.writeValueAsString(Map.of("rows", List.of(row))));
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private Processor http(String url, Map<String, String> more) {
    Map<String, String> options = new java.util.HashMap<>(more);
    options.put("url", url);
    return Consumer.create(new HttpProcessorFactory(), options, List.of());
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/process";
  }

  @Test
  void rows_from_the_app_are_written_and_it_gets_the_id_and_dequeue_count() throws Exception {
    consumer.send("{\"a\": 1}", "plain", "norows");

    consumer.runUntilEmpty(http(url(), Map.of()), Consumer.options().maxDequeue(1));

    List<Entity> rows = consumer.rows();
    assertThat(consumer.poisoned()).isEmpty();
    assertThat(rows)
        .extracting(r -> r.getString("body"))
        .containsExactlyInAnyOrder("{\"a\": 1}", "plain");
    assertThat(rows).allSatisfy(r -> assertThat(r.properties().get("attempt")).isEqualTo(1L));
    assertThat(rows)
        .filteredOn(r -> r.getString("body").equals("plain"))
        .extracting(r -> r.getString("contentType"))
        .containsExactly("text/plain; charset=utf-8");
    assertThat(dequeueCounts).containsEntry("norows", "1");
  }

  @Test
  void a_5xx_is_retried_then_poisoned_with_the_apps_answer() throws Exception {
    consumer.send("boom");

    consumer.runUntilEmpty(http(url(), Map.of()), Consumer.options().maxDequeue(3));

    assertThat(requests).hasValue(3);
    assertThat(consumer.reasonFor("boom")).contains("503", "database is down");
  }

  @Test
  void status_422_sends_the_message_to_poison_at_once_with_the_answer() throws Exception {
    consumer.send("invalid");

    consumer.runUntilEmpty(http(url(), Map.of()), Consumer.options().maxDequeue(5));

    assertThat(requests).hasValue(1);
    assertThat(consumer.reasonFor("invalid")).contains("422", "field 'x' is missing");
    assertThat(consumer.poisoned().get(0).get("dequeueCount").asInt()).isEqualTo(1);
  }

  @Test
  void a_connection_failure_fails_the_attempt() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    consumer.send("anything");

    consumer.runUntilEmpty(
        http("http://127.0.0.1:" + closedPort + "/process", Map.of()),
        Consumer.options().maxDequeue(2));

    assertThat(consumer.reasonFor("anything")).contains("failed", "ConnectException");
  }

  @Test
  void an_answer_slower_than_the_timeout_fails_the_attempt() throws Exception {
    consumer.send("slow");

    consumer.runUntilEmpty(
        http(url(), Map.of("timeout", "300ms")), Consumer.options().maxDequeue(1));

    assertThat(consumer.reasonFor("slow")).contains("timed out");
  }

  @Test
  void a_missing_or_bad_url_is_an_error_at_start_up() {
    assertThatThrownBy(() -> Consumer.create(new HttpProcessorFactory(), Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url=");
    assertThatThrownBy(() -> http("ftp://127.0.0.1/x", Map.of()))
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> http(url(), Map.of("retries", "3")))
        .hasMessageContaining("no option retries");
  }
}
