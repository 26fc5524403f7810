package dev.edw.processors.http;

import dev.edw.api.processor.ProcessorContext;
import dev.edw.processors.ProcessorOptions;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code --processor http} calls the user's app.
 *
 * @param url where each message is POSTed
 * @param timeout how long one request may take, answer included
 * @param connectTimeout how long opening a connection may take
 */
public record HttpOptions(URI url, Duration timeout, Duration connectTimeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The status that sends a message straight to the poison queue, with the answer as reason. */
  public static final int POISON_STATUS = 422;

  /** Request headers. */
  public static final String MESSAGE_ID_HEADER = "X-Edw-Message-Id";

  public static final String DEQUEUE_COUNT_HEADER = "X-Edw-Dequeue-Count";

  static final String URL = "url";
  static final String TIMEOUT = "timeout";
  static final String CONNECT_TIMEOUT = "connectTimeout";

  static final Map<String, String> KEYS;

  static {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(URL, "where to POST each message, e.g. http://127.0.0.1:8080/process (required)");
    keys.put(TIMEOUT, "fail the attempt when the answer takes longer; default 5m");
    keys.put(CONNECT_TIMEOUT, "fail the attempt when connecting takes longer; default 10s");
    KEYS = java.util.Collections.unmodifiableMap(keys);
  }

  public HttpOptions {
    if (url == null) {
      throw new IllegalArgumentException(
          "processor 'http' needs --processor-option url=http://HOST:PORT/PATH");
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "processor 'http' option url must be an http:// or https:// URL, not " + url);
    }
  }

  static HttpOptions from(ProcessorContext context) {
    ProcessorOptions o = new ProcessorOptions("http", context.options(), KEYS);
    String url = o.text(URL, null);
    URI uri;
    try {
      uri = url == null ? null : URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "processor 'http' option url is not a URL: " + url + " (" + e.getMessage() + ")");
    }
    return new HttpOptions(
        uri,
        o.duration(TIMEOUT, DEFAULT_TIMEOUT),
        o.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT));
  }
}
