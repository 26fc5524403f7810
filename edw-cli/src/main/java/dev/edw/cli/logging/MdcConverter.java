package dev.edw.cli.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text format's MDC: {@code " [queue=orders messageId=m-42]"} when the event carries MDC keys,
 * nothing when it carries none. {@code queue} and {@code messageId} come first, any other key after
 * them in name order, so lines line up and read the same from one run to the next.
 */
public final class MdcConverter extends ClassicConverter {
  private static final List<String> FIRST = List.of("queue", "messageId");

  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc == null || mdc.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(" [");
    for (String key : FIRST) {
      append(out, key, mdc.get(key));
    }
    for (Map.Entry<String, String> e : new TreeMap<>(mdc).entrySet()) {
      if (!FIRST.contains(e.getKey())) {
        append(out, e.getKey(), e.getValue());
      }
    }
    if (out.length() == 2) {
      return "";
    }
    return out.append(']').toString();
  }

  private static void append(StringBuilder out, String key, String value) {
    if (value == null) {
      return;
    }
    if (out.length() > 2) {
      out.append(' ');
    }
    out.append(key).append('=').append(value);
  }
}
