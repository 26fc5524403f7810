package dev.edw.aws;

import dev.edw.api.InvalidInputException;
import java.util.regex.Pattern;

/** Rules of SQS queue names: FIFO queues end in {@code .fifo}, and so must their poison queues. */
public final class SqsNames {
  /** What every FIFO queue's name ends with. */
  public static final String FIFO_SUFFIX = ".fifo";

  /** What the runtime appends to a queue's name for its poison queue. */
  public static final String POISON_SUFFIX = "-poison";

  /** Longest queue name SQS accepts, the {@code .fifo} suffix included. */
  public static final int MAX_LENGTH = 80;

  private static final Pattern BASE = Pattern.compile("[A-Za-z0-9_-]+");

  private SqsNames() {}

  /** Whether {@code name} is a FIFO queue's name. */
  public static boolean isFifo(String name) {
    return name.endsWith(FIFO_SUFFIX);
  }

  /**
   * The name of the poison queue of {@code name}: {@code orders} gives {@code orders-poison}, and
   * {@code orders.fifo} gives {@code orders-poison.fifo}, a FIFO queue as SQS requires (the generic
   * {@code orders.fifo-poison} is no valid name).
   */
  public static String poisonName(String name) {
    if (isFifo(name)) {
      return name.substring(0, name.length() - FIFO_SUFFIX.length()) + POISON_SUFFIX + FIFO_SUFFIX;
    }
    return name + POISON_SUFFIX;
  }

  /** Fails with {@link InvalidInputException} unless SQS would accept {@code name}. */
  static String check(String name) {
    String base = isFifo(name) ? name.substring(0, name.length() - FIFO_SUFFIX.length()) : name;
    if (name.length() > MAX_LENGTH || !BASE.matcher(base).matches()) {
      throw new InvalidInputException(
          "'"
              + name
              + "' is not an SQS queue name: use at most "
              + MAX_LENGTH
              + " letters, digits, '-' and '_', with '.fifo' at the end of a FIFO queue");
    }
    return name;
  }
}
