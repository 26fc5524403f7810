package dev.edw.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The CLI's logging, set up in code instead of a {@code logback.xml}: parsing the XML loaded about
 * 300 classes (an XML parser among them) at every start, a noticeable part of a short {@code edw}
 * run. Lines go to stderr; {@code dev.edw} logs at {@code $EDW_LOG_LEVEL} (default INFO), the rest
 * at WARN. A {@code -Dlogback.configurationFile=...} given by the user still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
  static final Level DEFAULT_EDW_LEVEL = Level.INFO;

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    String level = System.getenv("EDW_LOG_LEVEL");
    context
        .getLogger("dev.edw")
        .setLevel(level == null ? DEFAULT_EDW_LEVEL : Level.toLevel(level, DEFAULT_EDW_LEVEL));
    // The Azure SDK warns on every request that the JDK's HTTP client sets content-length
    // itself; harmless, and thousands of lines a second under load.
    context.getLogger("com.azure.core.http.jdk.httpclient.JdkHttpClient").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
