package dev.edw.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The raw figures of the Redis server edw's bench ran on, beside edw's: {@code redis-benchmark}'s
 * LPUSH and RPOP, unpipelined and 32-deep, when that tool is on the PATH; otherwise the command to
 * run by hand. A server that needs a password is only described, so no secret reaches a command
 * line.
 */
final class RedisRawFigures {
  static final int REQUESTS = 200_000;
  static final long TIMEOUT_SECONDS = 120;

  private RedisRawFigures() {}

  static void print(String queueUri) {
    URI uri = URI.create(queueUri);
    String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
    int port = uri.getPort() < 0 ? 6379 : uri.getPort();
    List<String> base =
        List.of(
            "redis-benchmark",
            "-h",
            host,
            "-p",
            Integer.toString(port),
            "-q",
            "-t",
            "lpush,rpop",
            "-n",
            Integer.toString(REQUESTS));
    String command = String.join(" ", base) + " [-P 32]";
    if (uri.getUserInfo() != null) {
      System.out.printf("raw Redis figures of this server: run %s -a PASSWORD%n", command);
      return;
    }
    System.out.println("raw Redis on the same server (redis-benchmark, requests/s):");
    for (List<String> pipelining : List.of(List.<String>of(), List.of("-P", "32"))) {
      List<String> run = new java.util.ArrayList<>(base);
      run.addAll(pipelining);
      try {
        Process p = new ProcessBuilder(run).redirectErrorStream(true).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          System.out.printf(
              "  %s: did not finish in %d s%n", String.join(" ", run), TIMEOUT_SECONDS);
          continue;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // -q prints progress lines ended by \r and one final line per test
        for (String line : out.split("[\r\n]+")) {
          if (line.contains("requests per second")) {
            System.out.printf("  %s%s%n", pipelining.isEmpty() ? "" : "-P 32 ", line.trim());
          }
        }
      } catch (IOException e) {
        System.out.printf("  redis-benchmark is not on the PATH: run %s%n", command);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
