package dev.edw.cli;

import java.io.Console;

/** Whether edw talks to a person at a terminal, and asking that person a question. */
final class Terminal {
  private Terminal() {}

  /** Whether standard input and output are a terminal (a person, not a pipe or a file). */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: System.console() is null unless both are a terminal
    }
  }

  /** Asks {@code question} on the terminal; true only for an answer of y or yes. */
  static boolean confirm(String question) {
    Console console = System.console();
    String answer = console == null ? null : console.readLine("%s [y/N] ", question);
    return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes");
  }
}
