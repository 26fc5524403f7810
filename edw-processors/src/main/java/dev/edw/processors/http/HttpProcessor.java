package dev.edw.processors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.processor.PoisonMessageException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.processors.ResultRows;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs the body with the message id and dequeue count in headers. A 2xx answer succeeds; its JSON
 * body may carry {@code {"rows": [...]}}. {@value HttpOptions#POISON_STATUS} sends the message to
 * the poison queue at once with the answer as the reason; any other status, a timeout or a
 * connection failure fails the attempt, to be retried.
 */
final class HttpProcessor implements Processor {
  private static final Logger log = LoggerFactory.getLogger(HttpProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpOptions options;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client;

  HttpProcessor(HttpOptions options) {
    this.options = options;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.connectTimeout())
            .executor(executor)
            .build();
    log.info("http processor: POST {} (timeout {})", options.url(), options.timeout());
  }

  @Override
  public ProcessResult process(ReceivedMessage message) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(options.url())
            .timeout(options.timeout())
            .header("Content-Type", contentType(message.body()))
            .header(HttpOptions.MESSAGE_ID_HEADER, message.id())
            .header(HttpOptions.DEQUEUE_COUNT_HEADER, Integer.toString(message.dequeueCount()))
            .POST(HttpRequest.BodyPublishers.ofString(message.body()))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new IOException("POST " + options.url() + " timed out (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new IOException("POST " + options.url() + " failed: " + e, e);
    }
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    if (status == HttpOptions.POISON_STATUS) {
      throw new PoisonMessageException(
          "the app answered " + status + ": " + ResultRows.abbreviate(text.strip()));
    }
    if (status < 200 || status > 299) {
      throw new IOException(
          "the app answered " + status + ": " + ResultRows.abbreviate(text.strip()));
    }
    return result(text);
  }

  /** No rows for an empty or non-object answer; the rows of {@code {"rows": [...]}}. */
  private static ProcessResult result(String text) throws IOException {
    if (text.isBlank()) {
      return ProcessResult.none();
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return ProcessResult.none();
    }
    if (node == null || !node.isObject() || !node.has("rows")) {
      return ProcessResult.none();
    }
    try {
      return new ProcessResult(ResultRows.fromArray(node.get("rows")));
    } catch (ResultRows.BadRowException e) {
      throw new IOException("the app's answer has a bad row: " + e.getMessage());
    }
  }

  private static String contentType(String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[' ? "application/json" : "text/plain; charset=utf-8";
      }
    }
    return "text/plain; charset=utf-8";
  }

  @Override
  public void close() {
    client.close();
    executor.close();
  }
}
