package dev.edw.processors.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.table.Entity;
import dev.edw.processors.OutputTail;
import dev.edw.processors.ResultRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mode=per-message}: one process per message, as a KEDA ScaledJob runs one task per job. The
 * body goes on stdin and in the environment; exit 0 is success and stdout may hold result rows, one
 * JSON object per line; any other exit fails the attempt with the tail of stderr as the reason.
 */
final class PerMessageProcessor implements Processor {
  private static final Logger log = LoggerFactory.getLogger(PerMessageProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bodies longer than this go on stdin only: Linux refuses environment strings over 128 KiB. */
  static final int MAX_ENV_BODY_CHARS = 100_000;

  /** Stdout beyond this fails the message instead of filling memory. */
  static final int MAX_STDOUT_BYTES = 16 << 20;

  private final ExecOptions options;

  PerMessageProcessor(ExecOptions options) {
    this.options = options;
    log.info(
        "exec per-message: {} (timeout {})",
        Commands.describe(options.command()),
        options.timeout());
  }

  @Override
  public ProcessResult process(ReceivedMessage message) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(options.command());
    Map<String, String> env = builder.environment();
    env.put("EDW_MESSAGE_ID", message.id());
    env.put("EDW_DEQUEUE_COUNT", Integer.toString(message.dequeueCount()));
    if (message.body().length() <= MAX_ENV_BODY_CHARS) {
      env.put("EDW_MESSAGE", message.body());
      env.put("KEDA_TASK_DATA", message.body());
    }
    Process process = builder.start();
    OutputTail stderr = new OutputTail(OutputTail.DEFAULT_TAIL_BYTES);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Thread in = Thread.ofVirtual().start(() -> feed(process.getOutputStream(), message.body()));
    Thread out = Thread.ofVirtual().start(() -> collect(process.getInputStream(), stdout));
    Thread err =
        Thread.ofVirtual()
            .start(
                () ->
                    stderr.drain(
                        process.getErrorStream(),
                        line -> log.debug("[{}] {}", message.id(), line)));
    boolean exited;
    try {
      exited = process.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Commands.kill(process);
      throw e;
    }
    if (!exited) {
      Commands.kill(process);
      process.waitFor(5, TimeUnit.SECONDS);
    }
    in.join();
    out.join();
    err.join();
    if (!exited) {
      throw new TimeoutException(
          "command killed after the timeout of " + options.timeout() + tail(stderr));
    }
    int code = process.exitValue();
    if (code != 0) {
      throw new CommandFailedException("command exited with code " + code + tail(stderr));
    }
    if (stdout.size() > MAX_STDOUT_BYTES) {
      throw new CommandFailedException(
          "command wrote over " + MAX_STDOUT_BYTES + " bytes to stdout");
    }
    return new ProcessResult(rows(stdout.toString(StandardCharsets.UTF_8)));
  }

  /** One JSON row per non-blank line of stdout. */
  static List<Entity> rows(String stdout) throws CommandFailedException {
    List<Entity> rows = new ArrayList<>();
    int number = 0;
    for (String line : stdout.split("\n")) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        rows.add(ResultRows.fromObject(node));
      } catch (JsonProcessingException e) {
        throw new CommandFailedException(
            "stdout line " + number + " is not JSON: " + ResultRows.abbreviate(line.strip()));
      } catch (ResultRows.BadRowException e) {
        throw new CommandFailedException("stdout line " + number + ": " + e.getMessage());
      }
    }
    return rows;
  }

  private static String tail(OutputTail stderr) {
    String text = stderr.text();
    return text.isEmpty() ? "" : "; stderr: " + text;
  }

  private static void feed(OutputStream stdin, String body) {
    try (stdin) {
      stdin.write(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the command did not read its stdin (e.g. /bin/true): not an error
    }
  }

  private static void collect(InputStream stdout, ByteArrayOutputStream into) {
    byte[] buffer = new byte[8192];
    try (stdout) {
      for (int n; (n = stdout.read(buffer)) >= 0; ) {
        if (into.size() <= MAX_STDOUT_BYTES) {
          into.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // the process is gone; what was read is the output
    }
  }
}
