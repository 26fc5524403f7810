package dev.edw.processors.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.processor.ProcessResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.processors.Scripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One persistent worker process fed by many threads at once. */
class WorkerProcessOrderTest {
  /** Answers each request in order; for "garbage", a line that is not JSON. */
  private static final String WORKER =
      """
      import json, sys
      for line in sys.stdin:
          req = json.loads(line)
          if req["body"] == "garbage":
              print("this is not json", flush=True)
          else:
              print(json.dumps({"id": req["id"], "ok": True,
                                "rows": [{"PartitionKey": req["id"], "RowKey": "r"}]}), flush=True)
      """;

  private static final int ROUNDS = 3_000;
  private static final int THREADS = 8;

  @TempDir Path dir;

  @Test
  void a_line_that_is_not_json_fails_the_message_it_answers_even_under_concurrent_sends()
      throws Exception {
    // messages were registered as waiting in one order and written to the worker in another, so
    // the line without an id was pinned on whichever message registered first: that message failed
    // and the one the line answered waited for its timeout (a flaky PersistentExecTest in CI)
    Path script = Scripts.write(dir, "worker.py", WORKER);
    WorkerProcess worker = WorkerProcess.start(List.of("python3", script.toString()), 0, w -> {});
    try {
      for (int round = 0; round < ROUNDS; round++) {
        List<CompletableFuture<ProcessResult>> answers = sendAtOnce(worker, round);
        for (int i = 0; i < THREADS; i++) {
          CompletableFuture<ProcessResult> answer = answers.get(i);
          if (i == 0) {
            assertThat(answer)
                .as("round %d: the garbage message", round)
                .failsWithin(10, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class)
                .withMessageContaining("not a JSON answer");
          } else {
            assertThat(answer)
                .as("round %d: message %d", round, i)
                .succeedsWithin(10, TimeUnit.SECONDS);
          }
        }
      }
    } finally {
      worker.kill();
    }
  }

  /** THREADS messages sent from as many threads released together; the first is "garbage". */
  private static List<CompletableFuture<ProcessResult>> sendAtOnce(WorkerProcess worker, int round)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    AtomicReferenceArray<CompletableFuture<ProcessResult>> answers =
        new AtomicReferenceArray<>(THREADS);
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      int at = i;
      ReceivedMessage m =
          new ReceivedMessage(
              "r" + round + "-" + i, i == 0 ? "garbage" : "ok", 1, null, null, null);
      senders.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      go.await();
                      answers.set(at, worker.submit(m));
                    } catch (InterruptedException e) {
                      answers.set(at, CompletableFuture.failedFuture(e));
                    }
                  }));
    }
    go.countDown();
    List<CompletableFuture<ProcessResult>> sent = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      senders.get(i).join(10_000);
      sent.add(answers.get(i));
    }
    return sent;
  }
}
