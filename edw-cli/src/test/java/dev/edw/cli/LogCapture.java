package dev.edw.cli;

import ch.qos.logback.classic.LoggerContext;
import dev.edw.cli.logging.LogConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.MDC;

/** What edw's log configuration prints for the events a test logs, in text or JSON. */
final class LogCapture {
  private LogCapture() {}

  /**
   * Configures the process's own logback context (SLF4J's MDC belongs to it) as the {@code edw}
   * command does, runs {@code logging} on it and returns what reached standard error; restores the
   * text format and clears the MDC afterwards.
   */
  static String printed(boolean json, Consumer<LoggerContext> logging) {
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      context.reset();
      configurator.configure(context, json);
      logging.accept(context);
    } finally {
      MDC.clear();
      System.setErr(original);
      context.reset();
      configurator.configure(context, false);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
