package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.aws.LocalAws;
import dev.edw.core.backend.Backends;
import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.consumer.QueueWorker;
import dev.edw.core.consumer.WorkerListener;
import dev.edw.core.producer.Producer;
import dev.edw.core.producer.ProducerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Order per message group on an SQS FIFO queue (ElasticMQ) under several competing consumers, each
 * a {@link QueueWorker} in this JVM with a processor that records what it processed and when.
 */
@Tag("aws")
@ExtendWith(LocalAws.class)
class AwsFifoOrderTest {
  private static final int MESSAGES = 400;
  private static final int GROUPS = 4;
  private static final int CONSUMERS = 3;
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final Pattern SEQUENCE = Pattern.compile("\"msg\": \"message (\\d+)\"");

  private final Backends backends = new Backends(new BackendContext(AwsCli.ENV, Clock.systemUTC()));

  /** Records (group, sequence) in processing order, and how groups overlap while processing. */
  private static final class Recorder implements Processor {
    final List<Map.Entry<String, Integer>> processed =
        Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> runningPerGroup = new ConcurrentHashMap<>();
    final AtomicInteger mostOfOneGroupAtOnce = new AtomicInteger();
    final AtomicInteger mostGroupsAtOnce = new AtomicInteger();
    final CountDownLatch twoGroupsRan = new CountDownLatch(1);
    final AtomicBoolean first = new AtomicBoolean(true);
    volatile boolean firstSawAnotherGroup;

    @Override
    public ProcessResult process(ReceivedMessage message) throws InterruptedException {
      AtomicInteger running =
          runningPerGroup.computeIfAbsent(message.groupId(), g -> new AtomicInteger());
      mostOfOneGroupAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        int groupsNow = (int) runningPerGroup.values().stream().filter(r -> r.get() > 0).count();
        mostGroupsAtOnce.accumulateAndGet(groupsNow, Math::max);
        if (groupsNow > 1) {
          twoGroupsRan.countDown();
        }
        if (first.getAndSet(false)) {
          // the first message holds its group until another group runs beside it: bounded, so a
          // runtime that ran one group at a time fails the assertion instead of hanging
          firstSawAnotherGroup = twoGroupsRan.await(20, TimeUnit.SECONDS);
        }
        processed.add(Map.entry(message.groupId(), sequence(message.body())));
        return ProcessResult.none();
      } finally {
        running.decrementAndGet();
      }
    }

    private static int sequence(String body) {
      Matcher m = SEQUENCE.matcher(body);
      if (!m.find()) {
        throw new IllegalArgumentException("no sequence number in " + body);
      }
      return Integer.parseInt(m.group(1));
    }
  }

  @Test
  void each_group_is_processed_in_sequence_order_while_groups_run_in_parallel_on_three_consumers()
      throws Exception {
    String uri = AwsCli.sqs(AwsCli.unique("orders") + ".fifo");
    try (WorkQueue producerQueue = backends.queue(uri)) {
      new Producer(
              producerQueue,
              new ProducerOptions(
                  MESSAGES, null, 0, 0, ProducerOptions.DEFAULT_BATCH_SIZE, 4, GROUPS),
              Clock.systemUTC())
          .run(n -> {});
    }
    Recorder recorder = new Recorder();
    ConsumerOptions options =
        ConsumerOptions.builder()
            .concurrency(4)
            .prefetch(10)
            .maxIdlePoll(Duration.ofMillis(200))
            .untilEmpty(true)
            .build();
    List<WorkQueue> opened = new ArrayList<>();
    List<QueueWorker> workers = new ArrayList<>();

    try {
      for (int i = 0; i < CONSUMERS; i++) {
        WorkQueue queue = backends.queue(uri);
        WorkQueue poison = backends.poisonQueue(queue);
        opened.add(queue);
        opened.add(poison);
        poison.createIfMissing();
        workers.add(
            new QueueWorker(
                    queue,
                    poison,
                    null,
                    recorder,
                    options,
                    Clock.systemUTC(),
                    new WorkerListener() {})
                .start());
      }
      for (QueueWorker worker : workers) {
        assertThat(worker.awaitTermination(BOUND)).as("a consumer did not finish").isNotNull();
      }

      Map<String, List<Integer>> byGroup =
          recorder.processed.stream()
              .collect(
                  Collectors.groupingBy(
                      Map.Entry::getKey,
                      Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
      assertThat(byGroup).hasSize(GROUPS);
      for (int g = 0; g < GROUPS; g++) {
        int group = g;
        List<Integer> expected =
            IntStream.range(0, MESSAGES).filter(n -> n % GROUPS == group).boxed().toList();
        assertThat(byGroup.get("group-" + g)).as("group-" + g).isEqualTo(expected);
      }
      assertThat(recorder.mostOfOneGroupAtOnce.get()).isEqualTo(1);
      assertThat(recorder.firstSawAnotherGroup).isTrue();
      assertThat(recorder.mostGroupsAtOnce.get()).isGreaterThan(1);
      assertThat(opened.get(0).depth().total()).isZero();
    } finally {
      workers.forEach(QueueWorker::stop);
      opened.forEach(WorkQueue::close);
    }
  }
}
