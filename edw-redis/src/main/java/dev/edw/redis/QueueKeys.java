package dev.edw.redis;

/**
 * The Redis keys of one queue. The list itself has the queue's plain name, so that other tools can
 * {@code RPUSH} to it; the bookkeeping keys share its name as a prefix.
 */
record QueueKeys(String[] all) {
  static QueueKeys of(String list) {
    return new QueueKeys(
        new String[] {
          list,
          list + ":leases",
          list + ":items",
          list + ":tokens",
          list + ":counts",
          list + ":delayed",
          list + ":meta"
        });
  }

  String list() {
    return all[0];
  }
}
