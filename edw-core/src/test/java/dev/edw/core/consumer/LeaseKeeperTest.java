package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.QueueLimits;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LeaseKeeperTest {
  private static final Duration VISIBILITY = Duration.ofSeconds(6);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T05:00:00Z"), ZoneOffset.UTC);

  /** A queue whose every lease change fails per message, as Azure's does while it is down. */
  private static final class UnreachableQueue implements WorkQueue {
    @Override
    public ResourceUri uri() {
      return ResourceUri.parse("sqlite:down.db#orders");
    }

    @Override
    public QueueLimits limits() {
      return new QueueLimits(32, 1, 64 * 1024, Duration.ofDays(7));
    }

    @Override
    public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
      return receipts.stream()
          .map(
              r ->
                  ReceiptResult.failed(
                      r, new BackendUnavailableException("cannot reach the queue", null)))
          .toList();
    }

    @Override
    public boolean createIfMissing() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean exists() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> send(List<OutgoingMessage> messages) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ReceiptResult> delete(List<Receipt> receipts) {
      throw new UnsupportedOperationException();
    }

    @Override
    public QueueDepth depth() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ReceivedMessage> peek(int max) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long purge() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  private static InFlight dueForRenewal(String id) {
    ReceivedMessage m =
        new ReceivedMessage(id, "{}", 1, CLOCK.instant(), null, new Receipt(id, "pop-" + id));
    return new InFlight(m, CLOCK.millis() + 1_000);
  }

  @Test
  void leases_failing_one_by_one_count_as_one_lease_loop_error_per_batch_and_stay_held() {
    List<String> loopErrors = new CopyOnWriteArrayList<>();
    WorkerListener listener =
        new WorkerListener() {
          @Override
          public void loopError(String loop, Throwable error) {
            loopErrors.add(loop + ": " + error.getMessage());
          }
        };
    LeaseKeeper keeper = new LeaseKeeper(new UnreachableQueue(), VISIBILITY, CLOCK, listener);
    List<InFlight> messages = List.of(dueForRenewal("a"), dueForRenewal("b"), dueForRenewal("c"));
    messages.forEach(keeper::track);

    int renewed = keeper.tick();

    assertThat(renewed).isZero();
    assertThat(loopErrors).containsExactly("lease: cannot reach the queue");
    assertThat(messages).noneMatch(InFlight::leaseLost);
    assertThat(keeper.unfinished()).hasSize(3);
  }
}
