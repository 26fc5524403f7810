package dev.edw.processors.exec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.processors.OutputTail;
import dev.edw.processors.ResultRows;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived child process speaking JSON lines: edw writes {@code {"id", "body",
 * "dequeueCount"}} per message to its stdin; it answers {@code {"id", "ok": true, "rows": [...]}}
 * or {@code {"id", "ok": false, "error": "..."}} per message on stdout, in any order.
 *
 * <p>A writer thread serializes queued messages straight into a buffered stdin and flushes once the
 * queue stays empty after it has let the other threads run (the consumer threads that an answered
 * burst woke submit their next messages then), so a burst costs one write; a reader thread
 * completes each message's future from its answer. A line that is not JSON fails the message that
 * has waited longest (for a worker that answers in order, the one it was working on). When the
 * process exits, every message still waiting fails, and {@code onExit} is told.
 */
final class WorkerProcess {
  private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request line to write: a message, or {@link #CLOSE}, which closes stdin. */
  private record Request(String id, String body, int dequeueCount) {}

  private static final Request CLOSE = new Request(null, null, 0);

  /** Writer turns to let other threads add to the outbox before a flush. */
  static final int YIELDS_BEFORE_FLUSH = 2;

  private final int index;
  private final Process process;
  private final OutputTail stderr = new OutputTail(OutputTail.DEFAULT_TAIL_BYTES);
  private final LinkedBlockingQueue<Request> outbox = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<ProcessResult>> waiting = new LinkedHashMap<>();
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private boolean dead;
  private Thread stderrReader;

  private WorkerProcess(int index, Process process) {
    this.index = index;
    this.process = process;
  }

  /** Starts the command; {@code onExit} runs once, after the process exited. */
  static WorkerProcess start(List<String> command, int index, Consumer<WorkerProcess> onExit)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("EDW_WORKER_INDEX", Integer.toString(index));
    WorkerProcess worker = new WorkerProcess(index, builder.start());
    String name = "edw-exec-" + index + "-" + worker.process.pid();
    Thread.ofVirtual().name(name + "-in").start(worker::writeLoop);
    worker.stderrReader = Thread.ofVirtual().name(name + "-err").start(worker::drainStderr);
    Thread.ofVirtual()
        .name(name + "-out")
        .start(
            () -> {
              worker.readLoop();
              worker.exit();
              onExit.accept(worker);
            });
    return worker;
  }

  int index() {
    return index;
  }

  long pid() {
    return process.pid();
  }

  synchronized int waiting() {
    return waiting.size();
  }

  synchronized boolean alive() {
    return !dead;
  }

  /** Sends one message; the future completes with its answer, or fails. */
  CompletableFuture<ProcessResult> submit(ReceivedMessage message) {
    CompletableFuture<ProcessResult> answer = new CompletableFuture<>();
    synchronized (this) {
      if (dead) {
        answer.completeExceptionally(new CommandFailedException("the worker has exited"));
        return answer;
      }
      if (waiting.putIfAbsent(message.id(), answer) != null) {
        answer.completeExceptionally(
            new CommandFailedException("message " + message.id() + " is already at this worker"));
        return answer;
      }
      // queued under the same lock, so messages reach the worker in the order they wait: a line
      // without an id goes to the oldest waiting message, which must be the first one written
      outbox.add(new Request(message.id(), message.body(), message.dequeueCount()));
    }
    return answer;
  }

  /** Forgets a message (it timed out): a late answer to it is ignored. */
  synchronized void forget(String id) {
    waiting.remove(id);
  }

  /** Kills the process at once; its waiting messages fail when the reader sees it gone. */
  void kill() {
    Commands.kill(process);
  }

  /** Closes stdin, so a worker reading to the end exits by itself. */
  void closeInput() {
    outbox.add(CLOSE);
  }

  /** Whether the process exited within {@code millis} (0: whether it has exited already). */
  boolean exitedWithin(long millis) {
    try {
      exited.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }

  /** Waits up to {@code millis} for the exit; kills the process if it is still running. */
  void awaitExit(long millis) {
    try {
      exited.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      kill();
    }
  }

  private void writeLoop() {
    try (Writer in =
            new BufferedWriter(
                new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
                1 << 16);
        JsonGenerator json = JSON.getFactory().createGenerator(in)) {
      json.setRootValueSeparator(null);
      while (true) {
        Request r = outbox.take();
        while (r != null) {
          if (r == CLOSE) {
            return;
          }
          json.writeStartObject();
          json.writeStringField("id", r.id());
          json.writeStringField("body", r.body());
          json.writeNumberField("dequeueCount", r.dequeueCount());
          json.writeEndObject();
          json.writeRaw('\n');
          r = next();
        }
        json.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("worker {} (pid {}) stopped reading its stdin: {}", index, pid(), e.toString());
    }
  }

  /**
   * The next queued request, or null when none came even after yielding to the other threads: the
   * consumer threads that a burst of answers woke are then given the chance to add theirs to the
   * same write.
   */
  private Request next() {
    Request r = outbox.poll();
    for (int i = 0; r == null && i < YIELDS_BEFORE_FLUSH; i++) {
      Thread.yield();
      r = outbox.poll();
    }
    return r;
  }

  private void drainStderr() {
    stderr.drain(
        process.getErrorStream(),
        line -> log.info("exec worker {} (pid {}): {}", index, pid(), line));
  }

  private void readLoop() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      for (String line; (line = out.readLine()) != null; ) {
        if (!line.isBlank()) {
          answer(line);
        }
      }
    } catch (IOException e) {
      log.debug("reading worker {} (pid {}) failed: {}", index, pid(), e.toString());
    }
  }

  private void answer(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject() || !node.path("id").isTextual()) {
      CompletableFuture<ProcessResult> oldest = takeOldest();
      String reason =
          "the worker wrote a line that is not a JSON answer: " + ResultRows.abbreviate(line);
      log.warn("exec worker {} (pid {}): {}", index, pid(), reason);
      if (oldest != null) {
        oldest.completeExceptionally(new CommandFailedException(reason));
      }
      return;
    }
    CompletableFuture<ProcessResult> waiter;
    synchronized (this) {
      waiter = waiting.remove(node.get("id").textValue());
    }
    if (waiter == null) {
      log.debug("exec worker {} answered an unknown or timed-out id: {}", index, line);
      return;
    }
    if (node.path("ok").asBoolean(false)) {
      try {
        waiter.complete(new ProcessResult(ResultRows.fromArray(node.get("rows"))));
      } catch (ResultRows.BadRowException e) {
        waiter.completeExceptionally(new CommandFailedException(e.getMessage()));
      }
    } else {
      JsonNode error = node.get("error");
      String reason =
          error == null || error.isNull()
              ? "the worker answered ok=false without an error"
              : error.isTextual() ? error.textValue() : error.toString();
      waiter.completeExceptionally(new CommandFailedException(reason));
    }
  }

  private synchronized CompletableFuture<ProcessResult> takeOldest() {
    Iterator<CompletableFuture<ProcessResult>> it = waiting.values().iterator();
    if (!it.hasNext()) {
      return null;
    }
    CompletableFuture<ProcessResult> oldest = it.next();
    it.remove();
    return oldest;
  }

  private void exit() {
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      code = -1;
    }
    List<CompletableFuture<ProcessResult>> orphans;
    synchronized (this) {
      dead = true;
      orphans = new ArrayList<>(waiting.values());
      waiting.clear();
    }
    outbox.add(CLOSE);
    try {
      stderrReader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String tail = stderr.text();
    String reason =
        "the worker (pid "
            + pid()
            + ") exited with code "
            + code
            + " while the message was in flight"
            + (tail.isEmpty() ? "" : "; stderr: " + tail);
    for (CompletableFuture<ProcessResult> f : orphans) {
      f.completeExceptionally(new CommandFailedException(reason));
    }
    exited.complete(code);
  }

  int exitCode() {
    return exited.getNow(-1);
  }

  String stderrTail() {
    return stderr.text();
  }
}
