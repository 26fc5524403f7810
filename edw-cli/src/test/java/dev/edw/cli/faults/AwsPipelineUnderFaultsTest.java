package dev.edw.cli.faults;

import dev.edw.api.backend.BackendContext;
import dev.edw.aws.LocalAws;
import dev.edw.core.backend.Backends;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** An SQS queue (ElasticMQ) and a DynamoDB table (DynamoDB Local) under faults. */
@Tag("aws")
@Tag("slow")
@ExtendWith(LocalAws.class)
class AwsPipelineUnderFaultsTest extends PipelineUnderFaultsContract {
  private static final Map<String, String> AWS_ENV =
      Map.of(
          "AWS_ACCESS_KEY_ID", "testKeyId",
          "AWS_SECRET_ACCESS_KEY", "testSecret",
          "AWS_REGION", "us-east-1");

  private final String suffix = Long.toString(System.nanoTime(), 36);

  @Override
  protected Backends backends() {
    return new Backends(new BackendContext(AWS_ENV, Clock.systemUTC()));
  }

  @Override
  protected String queueUri() {
    return "sqs://us-east-1/orders" + suffix + "?endpoint=" + LocalAws.sqsEndpoint();
  }

  @Override
  protected String tableUri() {
    return "dynamodb://us-east-1/results" + suffix + "?endpoint=" + LocalAws.dynamoDbEndpoint();
  }

  @Override
  protected int messages() {
    return 1_000;
  }
}
