package dev.edw.file;

import dev.edw.api.InvalidInputException;

/**
 * Rules for blob names in a directory: relative, '/'-separated, with no empty, {@code .} or {@code
 * ..} segment, so that a name can never reach outside the store's directory.
 */
final class BlobNames {
  /** Directory under the root where uploads are written before they are moved into place. */
  static final String TEMP_DIR = ".edw-tmp";

  private BlobNames() {}

  static String check(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("A blob name cannot be empty.");
    }
    if (name.startsWith("/") || name.contains("\\") || name.indexOf(':') == 1) {
      throw new InvalidInputException(
          "Blob name '" + name + "' must be relative and use '/' as its separator.");
    }
    if (name.chars().anyMatch(c -> c == 0 || Character.isISOControl(c))) {
      throw new InvalidInputException("Blob name '" + name + "' has control characters.");
    }
    String[] segments = name.split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidInputException(
            "Blob name '" + name + "' has an empty, '.' or '..' segment; names stay in the store.");
      }
    }
    if (segments[0].equals(TEMP_DIR)) {
      throw new InvalidInputException(
          "Blob name '"
              + name
              + "' is under '"
              + TEMP_DIR
              + "', which the store keeps for itself.");
    }
    return name;
  }
}
