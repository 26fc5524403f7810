package dev.edw.cli;

import dev.edw.cli.logging.LogSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's closing line on standard error: as it is, or with {@code EDW_LOG_FORMAT=json} as an
 * INFO log event, so that every line of a JSON-logging process is JSON.
 */
final class Summary {
  private static final Logger log = LoggerFactory.getLogger(Summary.class);

  private Summary() {}

  static void print(String line) {
    if (LogSettings.lenient(System.getenv()).json()) {
      log.info(line);
    } else {
      System.err.println(line);
    }
  }
}
