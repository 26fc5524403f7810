package dev.edw.aws;

import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.testkit.ResultTableContract;
import dev.edw.testkit.WorkQueueContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SPI contracts against ElasticMQ (SQS) and DynamoDB Local, both run in this JVM. */
@Tag("aws")
@ExtendWith(LocalAws.class)
class AwsContractTest {

  @Nested
  class StandardQueue extends WorkQueueContract {
    @Override
    protected WorkQueue openQueue(String name) {
      return LocalAws.PROVIDER.openQueue(LocalAws.sqsUri(name), LocalAws.CONTEXT);
    }
  }

  /** Messages sent without a group share the default group; see {@link OneGroupFifoExceptions}. */
  @Nested
  @ExtendWith(OneGroupFifoExceptions.class)
  class FifoQueue extends WorkQueueContract {
    @Override
    protected WorkQueue openQueue(String name) {
      return LocalAws.PROVIDER.openQueue(LocalAws.sqsUri(name + ".fifo"), LocalAws.CONTEXT);
    }
  }

  @Nested
  class DynamoDbTable extends ResultTableContract {
    @Override
    protected ResultTable openTable(String name) {
      return LocalAws.PROVIDER.openTable(LocalAws.dynamoDbUri(name), LocalAws.CONTEXT);
    }
  }
}
