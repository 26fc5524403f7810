package dev.edw.api.queue;

import dev.edw.api.backend.ResourceUri;
import java.time.Duration;
import java.util.List;

/**
 * A queue of text messages with leases (visibility timeouts), as offered by Azure Storage Queue,
 * SQS, a Redis lease list and the embedded store.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use by many threads; the
 * consumer receives, extends leases and deletes from different threads at once.
 *
 * <p><b>Semantics every backend must honour:</b>
 *
 * <ul>
 *   <li>A received message is invisible to other receivers until its lease expires, is changed or
 *       the message is deleted. Delivery is at least once: a message whose lease expires is
 *       delivered again, with a higher {@link ReceivedMessage#dequeueCount()}.
 *   <li>A {@link Receipt} names one lease. After {@link #changeVisibility} the backend may issue a
 *       new receipt (Azure's pop receipt does, SQS's handle does not); callers must use the
 *       returned one from then on. A call with a receipt of a lease that has been lost (expired and
 *       taken by another receiver, or deleted) fails with {@link LeaseLostException} for that item.
 *   <li>{@link #receive} never returns more than {@link QueueLimits#maxReceiveBatch()} messages and
 *       may return fewer than are visible. {@link #send} accepts any number of messages and splits
 *       them by {@link QueueLimits#maxSendBatch()} itself.
 *   <li>Bodies are UTF-8 text, kept exactly as sent. Bodies over {@link
 *       QueueLimits#maxMessageBytes()} are refused with {@link MessageTooLargeException} before
 *       anything is sent.
 *   <li>{@link #depth()} may be approximate where the service only offers approximate counts; it
 *       says so in {@link QueueDepth#exact()}.
 * </ul>
 */
public interface WorkQueue extends AutoCloseable {

  /** The URI this queue was opened with. */
  ResourceUri uri();

  /** The queue's name, e.g. {@code orders}. */
  default String name() {
    return uri().name();
  }

  /**
   * The name of the queue that takes this queue's poison messages (those received too often). The
   * runtime opens it with {@code uri().withName(poisonQueueName())}, so it lives on the same
   * backend, region and account. Defaults to {@code name() + "-poison"}; a backend whose names
   * follow other rules overrides it (an SQS FIFO queue {@code orders.fifo} must have a FIFO poison
   * queue, {@code orders-poison.fifo}, since SQS names of FIFO queues must end in {@code .fifo}).
   */
  default String poisonQueueName() {
    return name() + "-poison";
  }

  /** Service limits: batch sizes, message size, longest visibility timeout. */
  QueueLimits limits();

  /** Creates the queue unless it exists; returns whether it was created. */
  boolean createIfMissing();

  /** Whether the queue exists. */
  boolean exists();

  /**
   * Sends messages, in batches of at most {@link QueueLimits#maxSendBatch()}, and returns their ids
   * in order. On failure some messages may have been sent; the exception says how many.
   */
  List<String> send(List<OutgoingMessage> messages);

  /** Sends one message and returns its id. */
  default String send(OutgoingMessage message) {
    return send(List.of(message)).get(0);
  }

  /**
   * Receives up to {@code max} messages (at most {@link QueueLimits#maxReceiveBatch()}), leasing
   * each for {@code visibility}. Waits up to {@code wait} for a message when none is visible (long
   * polling), and returns an empty list if none came.
   */
  List<ReceivedMessage> receive(int max, Duration visibility, Duration wait);

  /**
   * Deletes (acknowledges) messages by their current receipts. One result per receipt, in order.
   */
  List<ReceiptResult> delete(List<Receipt> receipts);

  /**
   * Sets the remaining lease of each message to {@code visibility} from now: a longer one extends
   * the lease while work runs, zero releases the message at once, a short delay schedules a retry.
   * One result per receipt, in order; a success carries the receipt to use from now on.
   */
  List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility);

  /** How many messages are visible, in flight and delayed. */
  QueueDepth depth();

  /**
   * Like {@link #depth()}, for callers that look again and again (a metrics gauge) and can take a
   * count about {@code maxAge} old. A backend where counting is costly and several processes share
   * the queue may answer from a count another process made within {@code maxAge} (or, while another
   * process is counting afresh, from the count before), so that N processes do not count the same
   * queue N times; the default counts afresh. Callers that decide on the answer (an until-empty
   * check) use {@link #depth()}.
   */
  default QueueDepth depth(Duration maxAge) {
    return depth();
  }

  /** Up to {@code max} visible messages, without leasing them; their receipts are null. */
  List<ReceivedMessage> peek(int max);

  /** Deletes every message; returns how many were deleted, or -1 where the service cannot say. */
  long purge();

  /** Releases connections. The queue itself is untouched. */
  @Override
  void close();
}
