package dev.edw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.table.Entity;
import dev.edw.core.processor.RecordProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The small local app {@code edw bench} measures the {@code http} processor against: the JDK's HTTP
 * server on the loopback, doing the seed consumer's work for each POST and answering its row as
 * {@code {"rows": [ROW]}}. It runs in the bench's JVM, so its CPU is part of the figure.
 */
final class BenchApp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final RecordProcessor record;

  BenchApp(Clock clock) throws IOException {
    this.record = new RecordProcessor(clock);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(executor);
    server.createContext("/process", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/process";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String id = exchange.getRequestHeaders().getFirst("X-Edw-Message-Id");
      byte[] answer;
      int status;
      try {
        ProcessResult result = record.process(new ReceivedMessage(id, body, 1, null, null, null));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entity e : result.entities()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("PartitionKey", e.partitionKey());
          row.put("RowKey", e.rowKey());
          row.putAll(e.properties());
          rows.add(row);
        }
        answer = JSON.writeValueAsBytes(Map.of("rows", rows));
        status = 200;
      } catch (Exception e) {
        answer = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
        status = 422;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
