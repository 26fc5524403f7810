package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.testkit.RedisServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a real redis-server serving TLS, with a certificate authority and a
 * server certificate (for 127.0.0.1) that the test makes with openssl. The server also listens in
 * plain text on another port, which only the test's start-up check uses.
 */
@Tag("redis")
class RedisTlsTest {
  @TempDir static Path certs;
  private static RedisServer redis;
  private static int tlsPort;
  private static Path trustStore;

  @BeforeAll
  static void startTlsRedis() throws Exception {
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=edw test CA",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    run(
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "server.key",
        "-out",
        "server.csr");
    Files.writeString(certs.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    run(
        "openssl",
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "san.ext",
        "-out",
        "server.crt");
    trustStore = certs.resolve("trust.p12");
    run(
        "keytool",
        "-importcert",
        "-noprompt",
        "-alias",
        "edw-test-ca",
        "-file",
        "ca.crt",
        "-keystore",
        trustStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    try (ServerSocket socket = new ServerSocket(0)) {
      tlsPort = socket.getLocalPort();
    }
    redis =
        RedisServer.start(
            "--tls-port", Integer.toString(tlsPort),
            "--tls-cert-file", certs.resolve("server.crt").toString(),
            "--tls-key-file", certs.resolve("server.key").toString(),
            "--tls-ca-cert-file", certs.resolve("ca.crt").toString(),
            "--tls-auth-clients", "no");
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
  }

  private static String uri(String name, String params) {
    return "rediss://127.0.0.1:" + tlsPort + "/0/" + name + params;
  }

  @Test
  void a_queue_over_tls_sends_and_receives_without_peer_checks_when_told_so() {
    Backends backends = new Backends(new BackendContext(Map.of(), Clock.systemUTC()));
    try (WorkQueue q = backends.queue(uri("plain-check", "?verifyPeer=false"))) {
      q.createIfMissing();
      q.send(List.of(OutgoingMessage.of("over tls")));

      List<ReceivedMessage> got = q.receive(10, Duration.ofSeconds(30), Duration.ZERO);

      assertThat(got).extracting(ReceivedMessage::body).containsExactly("over tls");
    }
  }

  @Test
  void a_producer_that_trusts_the_test_ca_verifies_the_server_and_one_that_does_not_is_refused(
      @TempDir Path dir) throws Exception {
    Map<String, String> trusting =
        Map.of(
            "JAVA_TOOL_OPTIONS",
            "-Djavax.net.ssl.trustStore="
                + trustStore
                + " -Djavax.net.ssl.trustStorePassword=changeit");

    EdwProcess.Result verified =
        EdwProcess.run(
            dir,
            trusting,
            "produce",
            "--count",
            "25",
            "--queue",
            uri("verified", ""),
            "--no-progress");
    EdwProcess.Result untrusted =
        EdwProcess.run(
            dir,
            Map.of(),
            "produce",
            "--count",
            "25",
            "--give-up-after",
            "1s",
            "--queue",
            uri("untrusted", ""),
            "--no-progress");

    assertThat(verified.exitCode()).as(verified.stderr()).isZero();
    assertThat(verified.stderr()).contains("sent 25 message(s)");
    assertThat(untrusted.exitCode()).as(untrusted.stderr()).isNotZero();
    assertThat(untrusted.stderr()).doesNotContain("sent 25 message(s)");
    Backends backends = new Backends(new BackendContext(Map.of(), Clock.systemUTC()));
    try (WorkQueue q = backends.queue(uri("verified", "?verifyPeer=false"))) {
      assertThat(q.depth().visible()).isEqualTo(25);
    }
  }
}
