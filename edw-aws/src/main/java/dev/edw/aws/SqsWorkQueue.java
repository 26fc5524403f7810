package dev.edw.aws;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.LeaseLostException;
import dev.edw.api.queue.MessageSize;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.QueueLimits;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * An SQS queue, standard or FIFO (its name ends in {@code .fifo}).
 *
 * <p>Receipts are SQS receipt handles, which a visibility change leaves as they are. Long polls are
 * whole seconds, at most 20; a shorter wait is rounded down. Leases are whole seconds, rounded up.
 * On a FIFO queue every message is sent with a message group (its own, or the queue's default
 * group) and a deduplication id (its own, or a random one, so that two sends of equal bodies are
 * two messages). On a standard queue a message's group id is not sent: SQS does not order standard
 * queues.
 */
final class SqsWorkQueue implements WorkQueue {
  static final int MAX_BATCH = 10;
  static final int MAX_MESSAGE_BYTES = 256 * 1024;
  static final Duration MAX_WAIT = Duration.ofSeconds(20);
  static final Duration MAX_VISIBILITY = Duration.ofHours(12);
  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  static final QueueLimits LIMITS =
      new QueueLimits(MAX_BATCH, MAX_BATCH, MAX_MESSAGE_BYTES, MAX_VISIBILITY);

  private static final List<MessageSystemAttributeName> RECEIVED_ATTRIBUTES =
      List.of(
          MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
          MessageSystemAttributeName.SENT_TIMESTAMP,
          MessageSystemAttributeName.MESSAGE_GROUP_ID);

  private final SqsAddress address;
  private final SqsOptions options;
  private final SqsClient client;
  private final boolean fifo;
  private volatile String queueUrl;

  SqsWorkQueue(SqsAddress address, SqsOptions options, SqsClient client) {
    this.address = address;
    this.options = options;
    this.client = client;
    this.fifo = SqsNames.isFifo(address.name());
    this.queueUrl = address.queueUrl().orElse(null);
  }

  @Override
  public ResourceUri uri() {
    return address.uri();
  }

  @Override
  public String name() {
    return address.name();
  }

  @Override
  public String poisonQueueName() {
    return SqsNames.poisonName(name());
  }

  @Override
  public QueueLimits limits() {
    return LIMITS;
  }

  @Override
  public boolean createIfMissing() {
    if (exists()) {
      return false;
    }
    Map<QueueAttributeName, String> attributes = new HashMap<>();
    if (fifo) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
      attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
    }
    String url =
        call(() -> client.createQueue(r -> r.queueName(name()).attributes(attributes)).queueUrl());
    if (address.queueUrl().isEmpty()) {
      queueUrl = url;
    }
    return true;
  }

  @Override
  public boolean exists() {
    try {
      if (queueUrl == null) {
        queueUrl = client.getQueueUrl(r -> r.queueName(name())).queueUrl();
      } else {
        String url = queueUrl;
        client.getQueueAttributes(
            r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN));
      }
      return true;
    } catch (SdkException e) {
      if (AwsErrors.isMissing(e)) {
        return false;
      }
      throw AwsErrors.map(e, what());
    }
  }

  @Override
  public List<String> send(List<OutgoingMessage> messages) {
    for (OutgoingMessage m : messages) {
      check(m);
    }
    List<String> ids = new ArrayList<>(messages.size());
    for (List<OutgoingMessage> batch : SendBatches.split(messages, MAX_BATCH, MAX_MESSAGE_BYTES)) {
      sendBatch(batch, ids, messages.size());
    }
    return ids;
  }

  private void check(OutgoingMessage m) {
    MessageSize.check(name(), m.body(), MAX_MESSAGE_BYTES);
    if (fifo && !m.delay().isZero()) {
      throw new InvalidInputException(
          "FIFO queue '" + name() + "' takes no per-message delay; send with delay zero");
    }
    if (m.delay().compareTo(MAX_DELAY) > 0) {
      throw new InvalidInputException(
          "a delay of " + m.delay() + " is over SQS's longest, " + MAX_DELAY);
    }
  }

  private void sendBatch(List<OutgoingMessage> batch, List<String> ids, int total) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      entries.add(entry(Integer.toString(i), batch.get(i)));
    }
    int sentBefore = ids.size();
    SendMessageBatchResponse response;
    try {
      String url = url();
      response = client.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
    } catch (SdkException e) {
      throw AwsErrors.map(e, what() + sentSoFar(sentBefore, total));
    }
    String[] batchIds = new String[batch.size()];
    response.successful().forEach(s -> batchIds[Integer.parseInt(s.id())] = s.messageId());
    if (!response.failed().isEmpty()) {
      BatchResultErrorEntry first = response.failed().get(0);
      String message =
          what()
              + sentSoFar(sentBefore + response.successful().size(), total)
              + ": "
              + response.failed().size()
              + " of a batch failed, first "
              + first.code()
              + ": "
              + first.message();
      throw Boolean.TRUE.equals(first.senderFault())
          ? new InvalidInputException(message)
          : new BackendUnavailableException(message, null);
    }
    ids.addAll(List.of(batchIds));
  }

  private static String sentSoFar(int sent, int total) {
    return sent == 0 ? "" : " (" + sent + " of " + total + " messages were sent)";
  }

  private SendMessageBatchRequestEntry entry(String id, OutgoingMessage m) {
    SendMessageBatchRequestEntry.Builder entry =
        SendMessageBatchRequestEntry.builder().id(id).messageBody(m.body());
    if (fifo) {
      entry
          .messageGroupId(m.groupId() != null ? m.groupId() : options.defaultGroupId())
          .messageDeduplicationId(
              m.deduplicationId() != null ? m.deduplicationId() : UUID.randomUUID().toString());
    } else {
      if (!m.delay().isZero()) {
        entry.delaySeconds((int) m.delay().toSeconds());
      }
    }
    return entry.build();
  }

  @Override
  public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
    if (max < 1) {
      throw new IllegalArgumentException("'max' must be at least 1.");
    }
    int count = Math.min(max, MAX_BATCH);
    int visibilitySeconds = seconds(visibility, MAX_VISIBILITY, true);
    int waitSeconds = seconds(wait, MAX_WAIT, false);
    List<Message> messages =
        call(
            () -> {
              String url = url();
              return client
                  .receiveMessage(
                      r ->
                          r.queueUrl(url)
                              .maxNumberOfMessages(count)
                              .visibilityTimeout(visibilitySeconds)
                              .waitTimeSeconds(waitSeconds)
                              .messageSystemAttributeNames(RECEIVED_ATTRIBUTES))
                  .messages();
            });
    return messages.stream().map(m -> received(m, true)).toList();
  }

  /** Whole seconds of {@code d}, at most {@code cap}. */
  private static int seconds(Duration d, Duration cap, boolean roundUp) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a duration cannot be negative: " + d);
    }
    long s = d.toSeconds();
    if (roundUp && d.toNanosPart() > 0) {
      s++;
    }
    return (int) Math.min(s, cap.toSeconds());
  }

  private static ReceivedMessage received(Message m, boolean withReceipt) {
    Map<MessageSystemAttributeName, String> attributes = m.attributes();
    String count = attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    String sent = attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP);
    return new ReceivedMessage(
        m.messageId(),
        m.body(),
        count == null ? 1 : Integer.parseInt(count),
        sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
        attributes.get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
        withReceipt ? new Receipt(m.messageId(), m.receiptHandle()) : null);
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    List<ReceiptResult> results = new ArrayList<>(receipts.size());
    for (int from = 0; from < receipts.size(); from += MAX_BATCH) {
      List<Receipt> chunk = receipts.subList(from, Math.min(from + MAX_BATCH, receipts.size()));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(chunk.get(i).handle())
                .build());
      }
      DeleteMessageBatchResponse response =
          call(
              () -> {
                String url = url();
                return client.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
              });
      results.addAll(results(chunk, ok -> null, response.failed(), "deleted"));
    }
    return results;
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    int seconds = seconds(visibility, MAX_VISIBILITY, true);
    List<ReceiptResult> results = new ArrayList<>(receipts.size());
    for (int from = 0; from < receipts.size(); from += MAX_BATCH) {
      List<Receipt> chunk = receipts.subList(from, Math.min(from + MAX_BATCH, receipts.size()));
      List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(
            ChangeMessageVisibilityBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(chunk.get(i).handle())
                .visibilityTimeout(seconds)
                .build());
      }
      ChangeMessageVisibilityBatchResponse response =
          call(
              () -> {
                String url = url();
                return client.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries));
              });
      results.addAll(results(chunk, ok -> ok, response.failed(), "changed"));
    }
    return results;
  }

  /** One result per receipt of a batch: failed entries by their id, the rest succeeded. */
  private List<ReceiptResult> results(
      List<Receipt> chunk,
      java.util.function.UnaryOperator<Receipt> current,
      List<BatchResultErrorEntry> failed,
      String verb) {
    Map<Integer, BatchResultErrorEntry> failures = new HashMap<>();
    failed.forEach(f -> failures.put(Integer.parseInt(f.id()), f));
    List<ReceiptResult> results = new ArrayList<>(chunk.size());
    for (int i = 0; i < chunk.size(); i++) {
      Receipt receipt = chunk.get(i);
      BatchResultErrorEntry failure = failures.get(i);
      results.add(
          failure == null
              ? ReceiptResult.ok(receipt, current.apply(receipt))
              : ReceiptResult.failed(receipt, itemFailure(receipt, failure, verb)));
    }
    return results;
  }

  private EdwException itemFailure(Receipt receipt, BatchResultErrorEntry e, String verb) {
    String detail =
        "message "
            + receipt.messageId()
            + " of queue '"
            + name()
            + "' was not "
            + verb
            + ": "
            + e.code()
            + ": "
            + e.message();
    if (SqsLeaseErrors.isLeaseLost(e.code(), e.message())) {
      return new LeaseLostException(detail);
    }
    return Boolean.TRUE.equals(e.senderFault())
        ? new InvalidInputException(detail)
        : new BackendUnavailableException(detail, null);
  }

  @Override
  public QueueDepth depth() {
    Map<QueueAttributeName, String> attributes =
        call(
            () -> {
              String url = url();
              return client
                  .getQueueAttributes(
                      r ->
                          r.queueUrl(url)
                              .attributeNames(
                                  QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                  QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                  QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                  .attributes();
            });
    return new QueueDepth(
        count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
        count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
        count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
        false);
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    String value = attributes.get(name);
    return value == null ? -1 : Long.parseLong(value);
  }

  /**
   * SQS cannot peek: this receives with a zero visibility timeout, so the messages stay visible but
   * their ApproximateReceiveCount goes up by one, as with any receive (a redrive policy counts it
   * too).
   */
  @Override
  public List<ReceivedMessage> peek(int max) {
    int count = Math.max(1, Math.min(max, MAX_BATCH));
    List<Message> messages =
        call(
            () -> {
              String url = url();
              return client
                  .receiveMessage(
                      r ->
                          r.queueUrl(url)
                              .maxNumberOfMessages(count)
                              .visibilityTimeout(0)
                              .waitTimeSeconds(0)
                              .messageSystemAttributeNames(RECEIVED_ATTRIBUTES))
                  .messages();
            });
    return messages.stream().map(m -> received(m, false)).toList();
  }

  /** Purges the queue; SQS does not say how many went, and allows one purge a minute. */
  @Override
  public long purge() {
    try {
      String url = url();
      client.purgeQueue(r -> r.queueUrl(url));
      return -1;
    } catch (PurgeQueueInProgressException e) {
      throw new BackendUnavailableException(
          "queue '" + name() + "' was purged less than a minute ago; SQS allows one purge a minute",
          e);
    } catch (SdkException e) {
      throw AwsErrors.map(e, what());
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private String url() {
    String url = queueUrl;
    if (url == null) {
      url = client.getQueueUrl(r -> r.queueName(name())).queueUrl();
      queueUrl = url;
    }
    return url;
  }

  private <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (SdkException e) {
      throw AwsErrors.map(e, what());
    }
  }

  private String what() {
    return "SQS queue '" + name() + "'";
  }

  @Override
  public String toString() {
    return "SqsWorkQueue[" + uri() + "]";
  }
}
