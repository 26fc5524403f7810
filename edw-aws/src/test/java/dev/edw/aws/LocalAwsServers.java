package dev.edw.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ (SQS) and DynamoDB Local in this JVM, on loopback. Used by the {@link LocalAws} test
 * extension and, through {@link #main}, as a stand-alone launcher for benchmarks:
 *
 * <pre>
 * mvn -q -pl edw-aws test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.edw.aws.LocalAwsServers [-Dexec.args="SQS_PORT DYNAMODB_PORT"]
 * </pre>
 *
 * <p>It prints both endpoints and runs until Ctrl-C or SIGTERM. DynamoDB Local needs the
 * sqlite4java native libraries: the build copies them to {@code edw-aws/target/native-libs}, the
 * default of {@code -Dsqlite4java.library.path}.
 */
public final class LocalAwsServers implements AutoCloseable {
  /** Where the build puts the sqlite4java natives, relative to the edw-aws module. */
  static final String DEFAULT_NATIVE_LIBS = "target/native-libs";

  private final SQSRestServer sqs;
  private final int sqsPort;
  private final DynamoDBProxyServer dynamo;
  private final int dynamoPort;

  private LocalAwsServers(SQSRestServer sqs, int sqsPort, DynamoDBProxyServer dynamo, int port) {
    this.sqs = sqs;
    this.sqsPort = sqsPort;
    this.dynamo = dynamo;
    this.dynamoPort = port;
  }

  /** Starts both servers, each on a free port. */
  public static LocalAwsServers start() {
    return start(freePort(), freePort());
  }

  /** Starts ElasticMQ on {@code sqsPort} and DynamoDB Local (in memory) on {@code dynamoPort}. */
  public static LocalAwsServers start(int sqsPort, int dynamoPort) {
    SQSRestServer sqs =
        SQSRestServerBuilder.withPort(sqsPort)
            .withInterface("127.0.0.1")
            .withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, ""))
            .start();
    sqs.waitUntilStarted();
    DynamoDBProxyServer dynamo;
    try {
      dynamo =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {
                "-inMemory", "-disableTelemetry", "-port", Integer.toString(dynamoPort)
              });
      dynamo.start();
    } catch (Exception e) {
      sqs.stopAndWait();
      throw new IllegalStateException("DynamoDB Local did not start", e);
    }
    return new LocalAwsServers(sqs, sqsPort, dynamo, dynamoPort);
  }

  /** The ElasticMQ endpoint, e.g. {@code http://127.0.0.1:9324}. */
  public String sqsEndpoint() {
    return "http://127.0.0.1:" + sqsPort;
  }

  /** The DynamoDB Local endpoint, e.g. {@code http://127.0.0.1:8000}. */
  public String dynamoDbEndpoint() {
    return "http://127.0.0.1:" + dynamoPort;
  }

  /** A port nothing listens on (it was free a moment ago). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      dynamo.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    } finally {
      sqs.stopAndWait();
    }
  }

  /** Runs both servers until the JVM is asked to stop. Arguments: [SQS_PORT [DYNAMODB_PORT]]. */
  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("sqlite4java.library.path") == null) {
      System.setProperty("sqlite4java.library.path", DEFAULT_NATIVE_LIBS);
    }
    int sqsPort = args.length > 0 ? Integer.parseInt(args[0]) : freePort();
    int dynamoPort = args.length > 1 ? Integer.parseInt(args[1]) : freePort();
    LocalAwsServers servers = start(sqsPort, dynamoPort);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  servers.close();
                  stopped.countDown();
                }));
    System.out.println("sqs      " + servers.sqsEndpoint());
    System.out.println("dynamodb " + servers.dynamoDbEndpoint());
    System.out.println("running; Ctrl-C or SIGTERM stops both");
    System.out.flush();
    stopped.await();
  }
}
