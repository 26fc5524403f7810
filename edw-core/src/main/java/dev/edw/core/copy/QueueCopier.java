package dev.edw.core.copy;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.key.MessageKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves every message of one queue to another, on any two backends.
 *
 * <p>Messages are received in batches under a lease and sent to the target in chunks of the
 * target's send batch; a chunk's messages are deleted from the source only once the target accepted
 * the chunk. When a send fails, every message of the batch not yet accepted is released (its lease
 * set to zero) and the copy fails with {@link CopyFailedException}: nothing is lost, and only the
 * failed chunk may have partly reached the target (at least once). The copy ends when a receive
 * comes back empty and the source reports nothing visible, or after {@link
 * CopyOptions#emptyPolls()} empty receives in a row.
 *
 * <p>With {@link CopyOptions#keepSource()} every message stays leased until the end and is then
 * released; an ordered queue (messages with group ids, such as SQS FIFO) is refused, since it would
 * hold back the rest of each group for as long as the first messages stay leased.
 *
 * <p>Bodies and group ids are kept, so each message keeps its stable key ({@code edwKey}) and a
 * message copied twice still makes one row. The key (else the source message id) is passed as the
 * deduplication id, which lets an SQS FIFO target drop a repeat sent within its five-minute window.
 * Not thread-safe: one copier copies one queue at a time.
 */
public final class QueueCopier {
  private static final Logger LOG = LoggerFactory.getLogger(QueueCopier.class);

  private final CopyOptions options;
  private final Clock clock;

  public QueueCopier(CopyOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /** Copies until the source is empty; creates the target if it is missing. */
  public CopyReport copy(WorkQueue source, WorkQueue target, CopyProgress progress) {
    Run run = new Run(source, target, progress, clock.instant());
    if (!source.exists()) {
      throw new ResourceNotFoundException("queue '" + source.uri() + "' does not exist");
    }
    try {
      target.createIfMissing();
    } catch (RuntimeException e) {
      throw run.failed("cannot create the target queue: " + e.getMessage(), e);
    }
    try {
      run.copyAll();
    } finally {
      run.releaseHeld();
    }
    return run.report();
  }

  /** One copy's state: counts and, with keepSource, the leases held until the end. */
  private final class Run {
    private final WorkQueue source;
    private final WorkQueue target;
    private final CopyProgress progress;
    private final Instant start;
    private final Duration lease;
    private final List<Receipt> held = new ArrayList<>();
    private long copied;
    private long undeleted;

    Run(WorkQueue source, WorkQueue target, CopyProgress progress, Instant start) {
      this.source = source;
      this.target = target;
      this.progress = progress;
      this.start = start;
      Duration max = source.limits().maxVisibility();
      this.lease = options.lease().compareTo(max) > 0 ? max : options.lease();
    }

    void copyAll() {
      int max = source.limits().maxReceiveBatch();
      int empty = 0;
      while (true) {
        List<ReceivedMessage> batch = receive(max);
        if (batch.isEmpty()) {
          empty++;
          if (empty >= options.emptyPolls() || nothingVisible()) {
            return;
          }
          continue;
        }
        empty = 0;
        copyBatch(batch);
      }
    }

    private List<ReceivedMessage> receive(int max) {
      try {
        return source.receive(max, lease, options.receiveWait());
      } catch (RuntimeException e) {
        throw failed("cannot receive from the source: " + e.getMessage(), e);
      }
    }

    private boolean nothingVisible() {
      try {
        return source.depth().visible() == 0;
      } catch (RuntimeException e) {
        throw failed("cannot read the depth of the source: " + e.getMessage(), e);
      }
    }

    private void copyBatch(List<ReceivedMessage> batch) {
      if (options.keepSource() && batch.stream().anyMatch(m -> m.groupId() != null)) {
        release(receipts(batch));
        throw failed(
            "--keep-source cannot copy an ordered queue (its messages have groups): the queue"
                + " holds back the rest of a group while the copy keeps its first messages leased;"
                + " copy without --keep-source",
            null);
      }
      int chunkSize = target.limits().maxSendBatch();
      for (int from = 0; from < batch.size(); from += chunkSize) {
        List<ReceivedMessage> chunk = batch.subList(from, Math.min(batch.size(), from + chunkSize));
        try {
          target.send(chunk.stream().map(QueueCopier::outgoing).toList());
        } catch (RuntimeException e) {
          release(receipts(batch.subList(from, batch.size())));
          throw failed(
              "the target refused messages: "
                  + e.getMessage()
                  + "; the unsent messages were released in the source",
              e);
        }
        copied += chunk.size();
        if (options.keepSource()) {
          held.addAll(receipts(chunk));
        } else {
          try {
            deleteFromSource(chunk);
          } catch (CopyFailedException e) {
            release(receipts(batch.subList(from + chunk.size(), batch.size())));
            throw e;
          }
        }
        progress.copied(copied);
      }
    }

    private void deleteFromSource(List<ReceivedMessage> chunk) {
      List<ReceiptResult> results;
      try {
        results = source.delete(receipts(chunk));
      } catch (RuntimeException e) {
        throw failed(
            "the target accepted "
                + chunk.size()
                + " message(s) that could not be deleted from the source ("
                + e.getMessage()
                + "); they will be copied again by a re-run",
            e);
      }
      for (ReceiptResult r : results) {
        if (!r.succeeded()) {
          undeleted++;
          LOG.warn(
              "copied {} but could not delete it from {}: {}",
              r.requested(),
              source.uri(),
              r.failure().getMessage());
        }
      }
    }

    void releaseHeld() {
      if (!held.isEmpty()) {
        release(held);
        held.clear();
      }
    }

    private void release(List<Receipt> receipts) {
      for (int from = 0; from < receipts.size(); from += source.limits().maxReceiveBatch()) {
        List<Receipt> part =
            receipts.subList(
                from, Math.min(receipts.size(), from + source.limits().maxReceiveBatch()));
        try {
          source.changeVisibility(part, Duration.ZERO);
        } catch (RuntimeException e) {
          LOG.warn(
              "could not release {} message(s) of {}; they return when their lease of {} ends: {}",
              part.size(),
              source.uri(),
              lease,
              e.getMessage());
        }
      }
    }

    CopyFailedException failed(String why, Throwable cause) {
      CopyReport report = report();
      return new CopyFailedException(
          "copy from "
              + source.uri()
              + " to "
              + target.uri()
              + " stopped after "
              + copied
              + " message(s): "
              + why,
          report,
          cause);
    }

    CopyReport report() {
      return new CopyReport(
          ResourceKind.QUEUE,
          source.uri().toString(),
          target.uri().toString(),
          copied,
          undeleted,
          Duration.between(start, clock.instant()));
    }
  }

  private static List<Receipt> receipts(List<ReceivedMessage> messages) {
    return messages.stream().map(ReceivedMessage::receipt).toList();
  }

  /**
   * The copy of a message: the body exactly as it was, so it keeps its stable key and a message
   * copied twice is one row, not two. The key (else the source message id) is the deduplication id
   * of an SQS FIFO target.
   */
  private static OutgoingMessage outgoing(ReceivedMessage m) {
    String key = MessageKey.of(m.body());
    return new OutgoingMessage(m.body(), m.groupId(), key != null ? key : m.id(), Duration.ZERO);
  }
}
