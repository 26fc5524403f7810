package dev.edw.testkit.fault;

/**
 * The unmapped runtime exception a faulty decorator throws: what an SDK error nobody translated, or
 * a bug in a backend, looks like to the runtime.
 */
public final class InjectedFault extends IllegalStateException {
  public InjectedFault(String call) {
    super("injected fault in " + call);
  }
}
