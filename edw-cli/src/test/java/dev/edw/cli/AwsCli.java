package dev.edw.cli;

import dev.edw.aws.LocalAws;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** URIs and the environment for tests of edw on ElasticMQ and DynamoDB Local. */
final class AwsCli {
  /** Dummy keys, passed to a child process as real ones would be. */
  static final Map<String, String> ENV =
      Map.of(
          "AWS_ACCESS_KEY_ID", "testKeyId",
          "AWS_SECRET_ACCESS_KEY", "testSecret",
          "AWS_REGION", "us-east-1");

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private AwsCli() {}

  /** A name no other test uses on the shared servers. */
  static String unique(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36) + "-" + COUNTER.incrementAndGet();
  }

  static String sqs(String name) {
    return "sqs://us-east-1/" + name + "?endpoint=" + LocalAws.sqsEndpoint();
  }

  static String dynamoDb(String name) {
    return "dynamodb://us-east-1/" + name + "?endpoint=" + LocalAws.dynamoDbEndpoint();
  }
}
