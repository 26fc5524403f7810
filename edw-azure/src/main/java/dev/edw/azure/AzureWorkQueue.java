package dev.edw.azure;

import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.PeekedMessageItem;
import com.azure.storage.queue.models.QueueErrorCode;
import com.azure.storage.queue.models.QueueMessageItem;
import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An Azure Storage queue.
 *
 * <ul>
 *   <li>Receives up to 32 messages per call. Azure has no long polling: a receive with a wait polls
 *       every {@link AzureOptions#pollInterval()} until a message comes or the wait is over.
 *   <li>Sends one message per request (Azure has no batch send). Messages never expire unless
 *       {@code ?messageTtlSeconds=} says otherwise (Azure's own default would drop them after 7
 *       days). Bodies go as plain UTF-8 text by default, so producers in other languages and the
 *       Azure CLI read them as sent; {@code ?messageEncoding=base64} matches Azure Functions; a
 *       message there that is not base64 is delivered as the text it is rather than failing the
 *       receive ({@link MessageCodec}). The 64 KiB limit (48 KiB of text with base64) is checked
 *       for the whole batch before anything is sent.
 *   <li>A lease extension ({@code updateMessage}) issues a new pop receipt; the returned {@link
 *       Receipt} carries it, and the old one then fails with {@link LeaseLostException}, as does
 *       one whose lease expired and was taken by another receiver (404 MessageNotFound, 400
 *       PopReceiptMismatch).
 *   <li>{@link #depth()}: Azure only offers {@code approximateMessagesCount}, which counts visible,
 *       leased and delayed messages alike. It is reported as {@code visible} with {@code inFlight}
 *       and {@code delayed} unknown (-1) and {@code exact} false, so {@code total()} is the
 *       approximate number of messages in the queue; {@code visible} alone overstates what can be
 *       received now.
 *   <li>{@link #purge()} clears the queue and returns -1: Azure does not say how many it deleted.
 * </ul>
 *
 * <p>Thread-safe: the SDK client is.
 */
final class AzureWorkQueue implements WorkQueue {
  static final int MAX_RECEIVE_BATCH = 32;
  static final int MAX_MESSAGE_BYTES = 64 * 1024;

  /** Base64 turns 3 bytes into 4 characters: 48 KiB of text fill Azure's 64 KiB. */
  static final int MAX_BASE64_MESSAGE_BYTES = MAX_MESSAGE_BYTES / 4 * 3;

  static final Duration MAX_VISIBILITY = Duration.ofDays(7);

  private final AzureTarget target;
  private final QueueClient client;
  private final AzureOptions options;
  private final AzureErrors errors;
  private final QueueLimits limits;
  private final MessageCodec codec;

  AzureWorkQueue(AzureTarget target, QueueClient client, AzureOptions options) {
    this.target = target;
    this.client = client;
    this.options = options;
    this.errors = new AzureErrors(target);
    this.codec = new MessageCodec(options.messageEncoding());
    int maxBytes =
        options.messageEncoding() == QueueMessageEncoding.BASE64
            ? MAX_BASE64_MESSAGE_BYTES
            : MAX_MESSAGE_BYTES;
    this.limits = new QueueLimits(MAX_RECEIVE_BATCH, 1, maxBytes, MAX_VISIBILITY);
  }

  @Override
  public ResourceUri uri() {
    return target.uri();
  }

  @Override
  public QueueLimits limits() {
    return limits;
  }

  @Override
  public boolean createIfMissing() {
    try {
      // 201 Created; 204 when it exists with the same metadata; 409 with other metadata
      return client.createWithResponse(null, null, Context.NONE).getStatusCode() == 201;
    } catch (RuntimeException e) {
      if (AzureErrors.status(e) == 409) {
        return false;
      }
      throw errors.map(e, what("creating queue"));
    }
  }

  @Override
  public boolean exists() {
    try {
      client.getPropertiesWithResponse(null, Context.NONE);
      return true;
    } catch (RuntimeException e) {
      if (AzureErrors.status(e) == 404) {
        return false;
      }
      throw errors.map(e, what("checking queue"));
    }
  }

  @Override
  public List<String> send(List<OutgoingMessage> messages) {
    for (OutgoingMessage m : messages) {
      MessageSize.check(name(), m.body(), limits.maxMessageBytes());
    }
    List<String> ids = new ArrayList<>(messages.size());
    for (OutgoingMessage m : messages) {
      Duration delay = m.delay().isZero() ? null : roundUpToSeconds(m.delay());
      try {
        ids.add(
            client
                .sendMessageWithResponse(
                    codec.encode(m.body()), delay, options.messageTtl(), null, Context.NONE)
                .getValue()
                .getMessageId());
      } catch (RuntimeException e) {
        throw errors.map(
            e,
            what(
                "sending message "
                    + (ids.size() + 1)
                    + " of "
                    + messages.size()
                    + " ("
                    + ids.size()
                    + " sent before it) to queue"));
      }
    }
    return ids;
  }

  @Override
  public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
    int count = Math.clamp(max, 1, MAX_RECEIVE_BATCH);
    Duration lease = clampLease(visibility, Duration.ofSeconds(1));
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    while (true) {
      List<ReceivedMessage> received =
          call(
              "receiving from queue",
              () -> {
                List<ReceivedMessage> out = new ArrayList<>();
                for (QueueMessageItem item :
                    client.receiveMessages(count, lease, null, Context.NONE)) {
                  out.add(toReceived(item));
                }
                return out;
              });
      long remaining = deadline - System.nanoTime();
      if (!received.isEmpty() || remaining <= 0) {
        return received;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(remaining, options.pollInterval().toNanos()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
  }

  private ReceivedMessage toReceived(QueueMessageItem item) {
    return new ReceivedMessage(
        item.getMessageId(),
        codec.decode(item.getBody() == null ? "" : item.getBody().toString()),
        (int) item.getDequeueCount(),
        instant(item.getInsertionTime()),
        null,
        PopReceipt.receipt(item.getMessageId(), item.getPopReceipt()));
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    return perReceipt(
        receipts,
        "deleting message",
        r -> {
          PopReceipt pop = PopReceipt.of(r);
          client.deleteMessageWithResponse(pop.messageId(), pop.popReceipt(), null, Context.NONE);
          return null;
        });
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    Duration lease = clampLease(visibility, Duration.ZERO);
    return perReceipt(
        receipts,
        "changing the lease of message",
        r -> {
          PopReceipt pop = PopReceipt.of(r);
          String next =
              client
                  .updateMessageWithResponse(
                      pop.messageId(), pop.popReceipt(), null, lease, null, Context.NONE)
                  .getValue()
                  .getPopReceipt();
          return PopReceipt.receipt(pop.messageId(), next);
        });
  }

  /**
   * Calls {@code action} for each receipt. A lost lease fails its own item; once the service is
   * unreachable the remaining items fail with the same retryable error without being tried.
   */
  /**
   * One call per receipt, overlapped; once one finds the service unreachable, the calls not yet
   * started fail the same way without trying.
   */
  private List<ReceiptResult> perReceipt(
      List<Receipt> receipts, String verb, Function<Receipt, Receipt> action) {
    AtomicReference<BackendUnavailableException> down = new AtomicReference<>();
    return ParallelCalls.map(receipts, r -> perReceipt(r, verb, action, down));
  }

  private ReceiptResult perReceipt(
      Receipt r,
      String verb,
      Function<Receipt, Receipt> action,
      AtomicReference<BackendUnavailableException> down) {
    BackendUnavailableException unreachable = down.get();
    if (unreachable != null) {
      return ReceiptResult.failed(r, unreachable);
    }
    try {
      return ReceiptResult.ok(r, action.apply(r));
    } catch (RuntimeException e) {
      if (leaseLost(e)) {
        return ReceiptResult.failed(
            r,
            new LeaseLostException(
                "the lease of message "
                    + r.messageId()
                    + " of queue '"
                    + name()
                    + "' was lost ("
                    + AzureErrors.errorCode(e)
                    + "): it expired and was received again, or the message was deleted"));
      }
      EdwException failure = failure(e, verb, r);
      if (failure instanceof BackendUnavailableException unavailable) {
        down.compareAndSet(null, unavailable);
      }
      return ReceiptResult.failed(r, failure);
    }
  }

  private EdwException failure(RuntimeException e, String verb, Receipt r) {
    return errors.map(e, what(verb + " " + r.messageId() + " of queue"));
  }

  /** 404 MessageNotFound (Azure) or 400 PopReceiptMismatch: the receipt names an old lease. */
  private static boolean leaseLost(RuntimeException e) {
    int status = AzureErrors.status(e);
    String code = AzureErrors.errorCode(e);
    return QueueErrorCode.POP_RECEIPT_MISMATCH.toString().equals(code)
        || (status == 404 && !QueueErrorCode.QUEUE_NOT_FOUND.toString().equals(code));
  }

  @Override
  public QueueDepth depth() {
    long approximate =
        call(
            "reading the depth of queue",
            () -> client.getProperties().getApproximateMessagesCountLong());
    return new QueueDepth(approximate, -1, -1, false);
  }

  @Override
  public List<ReceivedMessage> peek(int max) {
    int count = Math.clamp(max, 1, MAX_RECEIVE_BATCH);
    return call(
        "peeking at queue",
        () -> {
          List<ReceivedMessage> out = new ArrayList<>();
          for (PeekedMessageItem item : client.peekMessages(count, null, Context.NONE)) {
            out.add(
                new ReceivedMessage(
                    item.getMessageId(),
                    codec.decode(item.getBody() == null ? "" : item.getBody().toString()),
                    (int) item.getDequeueCount(),
                    instant(item.getInsertionTime()),
                    null,
                    null));
          }
          return out;
        });
  }

  @Override
  public long purge() {
    call(
        "purging queue",
        () -> {
          client.clearMessages();
          return null;
        });
    return -1;
  }

  @Override
  public void close() {
    // The SDK client holds no resources of its own; the shared HTTP client stays open.
  }

  private <T> T call(String verb, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw errors.map(e, what(verb));
    }
  }

  private String what(String verb) {
    return verb + " '" + name() + "' at " + target.where();
  }

  /** Azure counts leases in whole seconds: round up, and keep within what it allows. */
  private static Duration clampLease(Duration visibility, Duration min) {
    Duration rounded = roundUpToSeconds(visibility.isNegative() ? Duration.ZERO : visibility);
    if (rounded.compareTo(min) < 0) {
      return min;
    }
    return rounded.compareTo(MAX_VISIBILITY) > 0 ? MAX_VISIBILITY : rounded;
  }

  private static Duration roundUpToSeconds(Duration d) {
    long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return Duration.ofSeconds(seconds);
  }

  private static java.time.Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
