package dev.edw.sqlite;

/**
 * Builds multi-row statements. Calls across JNI cost more than SQLite's own work per row, so the
 * store writes up to {@link #MAX_ROWS} rows per statement instead of one statement per row. Each
 * shape (row count) is prepared once and cached by its text.
 */
final class Sql {
  static final int MAX_ROWS = 256;

  private Sql() {}

  /** {@code (?, ?, ?), (?, ?, ?), ...}: {@code rows} groups of {@code columns} placeholders. */
  static String valueGroups(int rows, int columns) {
    StringBuilder group = new StringBuilder("(");
    for (int c = 0; c < columns; c++) {
      group.append(c == 0 ? "?" : ", ?");
    }
    group.append(')');
    StringBuilder out = new StringBuilder(rows * (group.length() + 2));
    for (int r = 0; r < rows; r++) {
      if (r > 0) {
        out.append(", ");
      }
      out.append(group);
    }
    return out.toString();
  }

  /**
   * The statement size for {@code n} values (1 to {@link #MAX_ROWS}) of a statement whose values
   * may repeat (an {@code IN} list): the next power of two, so that a few shapes serve every size.
   */
  static int shape(int n) {
    return n <= 1 ? 1 : Math.min(MAX_ROWS, Integer.highestOneBit(n - 1) << 1);
  }

  /** {@code ?, ?, ?}: {@code count} placeholders. */
  static String placeholders(int count) {
    StringBuilder out = new StringBuilder(count * 3);
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "?" : ", ?");
    }
    return out.toString();
  }
}
