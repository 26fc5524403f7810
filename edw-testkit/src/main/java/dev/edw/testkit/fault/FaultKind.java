package dev.edw.testkit.fault;

/** What a faulty decorator does to one call. */
public enum FaultKind {
  /** The call goes through untouched. */
  NONE,
  /** An exception no backend maps: the call is not made and an {@link InjectedFault} is thrown. */
  UNMAPPED,
  /** A retryable outage: the call is not made and a {@code BackendUnavailableException} thrown. */
  RETRYABLE,
  /**
   * The call is made, then its answer is lost: after a pause the caller gets a retryable "timed
   * out" error although the backend did the work (a send that was accepted, a delete that
   * happened).
   */
  TIMEOUT,
  /**
   * The call answers with less than it should: fewer messages than asked, fewer or mismatched
   * receipt results, an upsert that wrote only some rows before failing.
   */
  PARTIAL,
  /** The call goes through after a random pause. */
  DELAY
}
