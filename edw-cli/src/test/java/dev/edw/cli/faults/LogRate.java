package dev.edw.cli.faults;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts the log lines of edw's loggers (INFO and above, what a replica prints by default) per
 * wall-clock second while it is attached, so a test can tell a log storm from an honest report.
 */
final class LogRate extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Map<Long, AtomicInteger> perSecond = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final Logger edw;

  private LogRate() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    setContext(context);
    setName("log-rate");
    edw = context.getLogger("dev.edw");
    start();
    edw.addAppender(this);
  }

  /** Starts counting the lines of every logger under {@code dev.edw}. */
  static LogRate attach() {
    return new LogRate();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
      perSecond
          .computeIfAbsent(event.getTimeStamp() / 1000, s -> new AtomicInteger())
          .incrementAndGet();
      total.incrementAndGet();
    }
  }

  /** The most lines logged in any one second. */
  int maxPerSecond() {
    return perSecond.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
  }

  long total() {
    return total.get();
  }

  @Override
  public void close() {
    edw.detachAppender(this);
    stop();
  }
}
