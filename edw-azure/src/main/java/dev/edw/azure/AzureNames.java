package dev.edw.azure;

import dev.edw.api.InvalidInputException;
import java.util.regex.Pattern;

/** The naming rules of Azure Storage, checked before a request so errors say what to change. */
final class AzureNames {
  private static final Pattern QUEUE_OR_CONTAINER = Pattern.compile("[a-z0-9-]{3,63}");
  private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
  private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
  private static final int MAX_KEY_CHARS = 1024;

  private AzureNames() {}

  /** Queue names: 3-63 lowercase letters, digits and single hyphens, not at either end. */
  static String checkQueue(String name) {
    return checkDnsName(name, "queue");
  }

  /** Container names follow the queue rules. */
  static String checkContainer(String name) {
    return checkDnsName(name, "blob container");
  }

  private static String checkDnsName(String name, String noun) {
    if (!QUEUE_OR_CONTAINER.matcher(name).matches()
        || name.startsWith("-")
        || name.endsWith("-")
        || name.contains("--")) {
      throw new InvalidInputException(
          "'"
              + name
              + "' is not a valid Azure "
              + noun
              + " name: use 3 to 63 lowercase letters, digits and hyphens, starting and ending"
              + " with a letter or digit, with no two hyphens in a row");
    }
    return name;
  }

  /** Table names: 3-63 letters and digits, starting with a letter. */
  static String checkTable(String name) {
    if (!TABLE.matcher(name).matches() || name.equalsIgnoreCase("tables")) {
      throw new InvalidInputException(
          "'"
              + name
              + "' is not a valid Azure table name: use 3 to 63 letters and digits, starting with"
              + " a letter ('tables' is reserved)");
    }
    return name;
  }

  /** Storage account names: 3-24 lowercase letters and digits. */
  static String checkAccount(String name) {
    if (!ACCOUNT.matcher(name).matches()) {
      throw new InvalidInputException(
          "'"
              + name
              + "' is not a valid Azure Storage account name: use 3 to 24 lowercase letters and"
              + " digits");
    }
    return name;
  }

  /**
   * PartitionKey and RowKey: at most 1024 characters, none of {@code / \ # ?} nor control
   * characters, which Table storage refuses.
   */
  static void checkKey(String which, String key) {
    if (key.length() > MAX_KEY_CHARS) {
      throw new InvalidInputException(
          which + " of " + key.length() + " characters is over Azure's limit of " + MAX_KEY_CHARS);
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '/' || c == '\\' || c == '#' || c == '?' || Character.isISOControl(c)) {
        throw new InvalidInputException(
            which
                + " '"
                + printable(key)
                + "' has the character "
                + describe(c)
                + " at index "
                + i
                + ", which Azure Table storage forbids in keys (/ \\ # ? and control characters)");
      }
    }
  }

  private static String describe(char c) {
    return Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }

  private static String printable(String key) {
    StringBuilder out = new StringBuilder();
    key.chars()
        .forEach(
            c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : (char) c));
    return out.toString();
  }

  /** Blob names: 1 to 1024 characters. */
  static String checkBlob(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_KEY_CHARS) {
      throw new InvalidInputException(
          "a blob name must have 1 to 1024 characters, not " + (name == null ? 0 : name.length()));
    }
    return name;
  }
}
