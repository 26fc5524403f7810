package dev.edw.aws;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.BackendProvider;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sqs} scheme (SQS standard and FIFO queues) and the {@code dynamodb} scheme (DynamoDB
 * result tables). Each opened resource owns one SDK client, closed with it.
 */
public final class AwsBackendProvider implements BackendProvider {
  public static final String SQS = "sqs";
  public static final String DYNAMODB = "dynamodb";

  private static final Logger LOG = LoggerFactory.getLogger(AwsBackendProvider.class);

  @Override
  public Set<String> schemes() {
    return Set.of(SQS, DYNAMODB);
  }

  @Override
  public Set<ResourceKind> kinds(String scheme) {
    return switch (scheme) {
      case SQS -> Set.of(ResourceKind.QUEUE);
      case DYNAMODB -> Set.of(ResourceKind.TABLE);
      default -> Set.of();
    };
  }

  @Override
  public String describe(String scheme) {
    return switch (scheme) {
      case SQS ->
          "Amazon SQS queue, standard or FIFO (.fifo): sqs://REGION/NAME, sqs:QUEUE_URL or"
              + " sqs:SQS_QUEUE_URL [?endpoint=URL&group=DEFAULT_GROUP]";
      case DYNAMODB ->
          "Amazon DynamoDB table (keys id, rk): dynamodb://REGION/TABLE or"
              + " dynamodb:DYNAMODB_TABLE [?endpoint=URL]";
      default -> "not an AWS scheme";
    };
  }

  @Override
  public WorkQueue openQueue(ResourceUri uri, BackendContext context) {
    if (!SQS.equals(uri.scheme())) {
      throw BackendProvider.unsupported(uri, ResourceKind.QUEUE);
    }
    uri.requireKnownParams(
        Set.of(AwsLocation.ENDPOINT_PARAM, AwsLocation.REGION_PARAM, SqsOptions.GROUP_PARAM));
    SqsAddress address = SqsAddress.from(uri, context);
    SqsOptions options = SqsOptions.from(uri);
    LOG.debug(
        "opening SQS queue {} ({}) in {} at {}, default group {}",
        address.name(),
        SqsNames.isFifo(address.name()) ? "FIFO" : "standard",
        address.location().region(),
        address.location().endpoint().map(Object::toString).orElse("the public endpoint"),
        options.defaultGroupId());
    return new SqsWorkQueue(
        address, options, AwsClients.sqs(address.location(), context, AwsClientOptions.DEFAULT));
  }

  @Override
  public ResultTable openTable(ResourceUri uri, BackendContext context) {
    if (!DYNAMODB.equals(uri.scheme())) {
      throw BackendProvider.unsupported(uri, ResourceKind.TABLE);
    }
    uri.requireKnownParams(Set.of(AwsLocation.ENDPOINT_PARAM, AwsLocation.REGION_PARAM));
    DynamoDbAddress address = DynamoDbAddress.from(uri, context);
    LOG.debug(
        "opening DynamoDB table {} in {} at {}",
        address.table(),
        address.location().region(),
        address.location().endpoint().map(Object::toString).orElse("the public endpoint"));
    return new DynamoDbResultTable(
        address,
        DynamoDbOptions.DEFAULT,
        AwsClients.dynamoDb(address.location(), context, AwsClientOptions.DEFAULT));
  }

  @Override
  public BlobStore openBlobStore(ResourceUri uri, BackendContext context) {
    throw BackendProvider.unsupported(uri, ResourceKind.BLOB);
  }
}
