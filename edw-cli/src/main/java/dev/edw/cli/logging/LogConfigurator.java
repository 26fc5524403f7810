package dev.edw.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.Logger;

/**
 * Configures logback for the {@code edw} command from {@link LogSettings}, found by logback through
 * {@link java.util.ServiceLoader}. Text: {@code 12:00:00.000 INFO Name - message}, with the MDC
 * between the name and the dash when set ({@code Name [queue=orders messageId=m-42] - ...}, see
 * {@link MdcConverter}). JSON: one object per line with {@code timestamp}, {@code level}, {@code
 * logger}, {@code thread}, {@code message}, every MDC key at the top level (such as {@code queue}
 * and {@code messageId}) and {@code exception}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase
    implements ch.qos.logback.classic.spi.Configurator {
  private static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}%edwMdc - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY; // the user's own configuration file wins
    }
    return configure(context, LogSettings.lenient(System.getenv()).json());
  }

  /** Configures {@code context} with the environment's levels and the given format. */
  public ExecutionStatus configure(LoggerContext context, boolean json) {
    LogSettings settings = LogSettings.lenient(System.getenv());
    Encoder<ILoggingEvent> encoder = json ? json(context) : text(context);
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    context.getLogger("dev.edw").setLevel(settings.level());
    for (String sdk : LogSettings.SDK_LOGGERS) {
      context.getLogger(sdk).setLevel(settings.sdkLevel());
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.getInstanceConverterMap().put("edwMdc", MdcConverter::new);
    layout.setPattern(TEXT_PATTERN);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    LogstashFieldNames names = new LogstashFieldNames();
    names.setTimestamp("timestamp");
    names.setLogger("logger");
    names.setThread("thread");
    names.setLevel("level");
    names.setMessage("message");
    names.setStackTrace("exception");
    names.setVersion("[ignore]");
    names.setLevelValue("[ignore]");
    encoder.setFieldNames(names);
    encoder.start();
    return encoder;
  }
}
