package dev.edw.api.backend;

/** The three kinds of resource a backend may offer. */
public enum ResourceKind {
  QUEUE,
  TABLE,
  BLOB;

  /** Lower-case noun for messages: "queue", "table", "blob store". */
  public String noun() {
    return switch (this) {
      case QUEUE -> "queue";
      case TABLE -> "table";
      case BLOB -> "blob store";
    };
  }
}
