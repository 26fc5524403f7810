package dev.edw.core.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.BackendUnavailableException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.ForwardingWorkQueue;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.core.processor.SeedTimestamps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerTest {
  @TempDir Path dir;

  private WorkQueue queue() {
    Backends backends =
        new Backends(
            new BackendContext(
                Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db")), Clock.systemUTC()));
    return backends.queue("produced");
  }

  /** {@code queue}, except that its first {@code failures} sends fail as an outage would. */
  private static WorkQueue failingSends(WorkQueue queue, int failures, AtomicInteger sends) {
    return new ForwardingWorkQueue(queue) {
      @Override
      public List<String> send(List<OutgoingMessage> messages) {
        if (sends.incrementAndGet() <= failures) {
          throw new BackendUnavailableException("queue throttled (503 ServerBusy)", null);
        }
        return delegate.send(messages);
      }
    };
  }

  @Test
  void retryable_send_failures_are_tried_again_and_every_message_arrives() throws Exception {
    AtomicInteger sends = new AtomicInteger();
    try (WorkQueue q = queue()) {
      WorkQueue throttled = failingSends(q, 3, sends);
      ProducerOptions options = new ProducerOptions(10, null, 0, 0, 10, 1, 0);

      long sent = new Producer(throttled, options, Clock.systemUTC()).run(n -> {});

      assertThat(sent).isEqualTo(10);
      assertThat(sends).hasValue(4);
      assertThat(q.depth().visible()).isEqualTo(10);
    }
  }

  @Test
  void a_send_that_keeps_failing_stops_the_producer_saying_exactly_how_many_were_sent() {
    AtomicLong now = new AtomicLong();
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(now.get());
          }
        };
    AtomicInteger sends = new AtomicInteger();
    try (WorkQueue q = queue()) {
      q.createIfMissing();
      WorkQueue downAfterThree =
          new ForwardingWorkQueue(q) {
            @Override
            public List<String> send(List<OutgoingMessage> messages) {
              if (sends.incrementAndGet() <= 3) {
                return delegate.send(messages);
              }
              now.addAndGet(Duration.ofSeconds(25).toMillis());
              throw new BackendUnavailableException("connection refused", null);
            }
          };
      ProducerOptions options = new ProducerOptions(100, null, 0, 0, 10, 1, 0);

      assertThatThrownBy(() -> new Producer(downAfterThree, options, clock).run(n -> {}))
          .isInstanceOfSatisfying(
              ProduceFailedException.class,
              e -> {
                assertThat(e.sent()).isEqualTo(30);
                assertThat(e.retryable()).isTrue();
              })
          .hasMessage(
              "stopped after 30 of 100 message(s) were sent (10 more were being sent and may have"
                  + " reached the queue in part): connection refused");
      assertThat(q.depth().visible()).isEqualTo(30);
      assertThat(sends.get() - 3).isBetween(3, 4);
    }
  }

  @Test
  void every_message_carries_a_stable_key_of_its_run_and_sequence_also_as_deduplication_id()
      throws Exception {
    List<OutgoingMessage> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger sends = new AtomicInteger();
    try (WorkQueue q = queue()) {
      WorkQueue timesOutOnce =
          new ForwardingWorkQueue(q) {
            @Override
            public List<String> send(List<OutgoingMessage> messages) {
              seen.addAll(messages);
              List<String> ids = delegate.send(messages);
              if (sends.incrementAndGet() == 1) {
                throw new BackendUnavailableException("timed out after it was taken", null);
              }
              return ids;
            }
          };
      Producer producer =
          new Producer(
              timesOutOnce, new ProducerOptions(5, null, 0, 0, 5, 1, 0), Clock.systemUTC(), "run7");

      assertThat(producer.run(n -> {})).isEqualTo(5);

      assertThat(seen).hasSize(10);
      assertThat(seen.subList(0, 5)).isEqualTo(seen.subList(5, 10));
      assertThat(seen.subList(0, 5))
          .extracting(OutgoingMessage::deduplicationId)
          .containsExactly("run7-0", "run7-1", "run7-2", "run7-3", "run7-4");
      assertThat(seen)
          .allSatisfy(
              m ->
                  assertThat(dev.edw.core.key.MessageKey.of(m.body()))
                      .isEqualTo(m.deduplicationId()));
      assertThat(q.depth().visible()).isEqualTo(10);
    }
  }

  @Test
  void count_sends_exactly_that_many_seed_messages_and_creates_the_queue() throws Exception {
    try (WorkQueue q = queue()) {
      ProducerOptions options = new ProducerOptions(1_234, null, 0, 100, 100, 3, 0);

      long sent = new Producer(q, options, Clock.systemUTC()).run(n -> {});

      assertThat(sent).isEqualTo(1_234);
      assertThat(q.depth().visible()).isEqualTo(1_234);
      ReceivedMessage first = q.peek(1).get(0);
      var json = new ObjectMapper().readTree(first.body());
      assertThat(json.get("msg").asText()).startsWith("message ").hasSizeGreaterThan(100);
      assertThat(SeedTimestamps.parse(json.get("srcStamp").asText())).isNotNull();
      assertThat(json.get("srcStamp").asText())
          .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    }
  }

  @Test
  void duration_bounds_an_unlimited_count_and_rate_paces_the_sends() throws Exception {
    try (WorkQueue q = queue()) {
      ProducerOptions options = new ProducerOptions(0, Duration.ofMillis(1_500), 200, 0, 10, 1, 0);

      long sent = new Producer(q, options, Clock.systemUTC()).run(n -> {});

      assertThat(sent).isPositive().isLessThanOrEqualTo(320);
      assertThat(q.depth().visible()).isEqualTo(sent);
    }
  }

  @Test
  void group_count_spreads_messages_over_groups() throws Exception {
    try (WorkQueue q = queue()) {
      new Producer(q, new ProducerOptions(9, null, 0, 0, 10, 1, 3), Clock.systemUTC()).run(n -> {});

      assertThat(q.peek(9))
          .extracting(ReceivedMessage::groupId)
          .containsOnly("group-0", "group-1", "group-2");
    }
  }

  @Test
  void several_senders_keep_the_messages_of_each_group_in_sequence_order() throws Exception {
    try (WorkQueue q = queue()) {
      ProducerOptions options = new ProducerOptions(2_000, null, 0, 0, 10, 4, 4);

      long sent = new Producer(q, options, Clock.systemUTC()).run(n -> {});

      assertThat(sent).isEqualTo(2_000);
      Map<String, List<Integer>> byGroup = new HashMap<>();
      List<ReceivedMessage> batch;
      while (!(batch = q.receive(100, Duration.ofMinutes(5), Duration.ZERO)).isEmpty()) {
        for (ReceivedMessage m : batch) {
          int sequence =
              Integer.parseInt(
                  new ObjectMapper().readTree(m.body()).get("msg").asText().substring(8));
          byGroup.computeIfAbsent(m.groupId(), g -> new ArrayList<>()).add(sequence);
        }
      }
      assertThat(byGroup).hasSize(4);
      for (int g = 0; g < 4; g++) {
        int group = g;
        assertThat(byGroup.get("group-" + g))
            .as("group-" + g)
            .isEqualTo(IntStream.range(0, 2_000).filter(n -> n % 4 == group).boxed().toList());
      }
    }
  }

  @Test
  void options_need_a_count_or_a_duration() {
    assertThatThrownBy(() -> new ProducerOptions(0, null, 0, 0, 10, 1, 0))
        .hasMessageContaining("count or a duration");
  }
}
