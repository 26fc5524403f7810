package dev.edw.redis;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.util.function.Supplier;

/**
 * Turns Lettuce's exceptions into edw's: retryable when Redis is unreachable, busy or loading; not
 * when it refuses a password or a key holds another type. Messages name the queue by its redacted
 * URI and never carry the password; Lettuce's exception is not attached as the cause, so that no
 * stack trace can leak it either.
 */
final class RedisErrors {
  private final String queue;
  private final String password;

  RedisErrors(RedisOptions options) {
    this.queue = options.uri().toString();
    this.password = options.password();
  }

  <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (EdwException e) {
      throw e;
    } catch (RedisCommandTimeoutException e) {
      throw unavailable(what, "timed out: " + clean(e));
    } catch (RedisException e) {
      throw translate(what, e);
    }
  }

  private EdwException translate(String what, RedisException e) {
    String reply = serverReply(e);
    if (reply != null) {
      if (reply.startsWith("WRONGPASS") || reply.startsWith("NOAUTH")) {
        return new InvalidInputException(
            "Redis refused the credentials of queue '"
                + queue
                + "' ("
                + clean(reply)
                + "): check the password in the URI, its password parameter or REDIS_PASSWORD");
      }
      if (reply.startsWith("WRONGTYPE")) {
        return new InvalidInputException(
            "queue '"
                + queue
                + "': a key of the queue holds another Redis type; is the name used by something"
                + " else? ("
                + clean(reply)
                + ")");
      }
      if (isOutage(reply)) {
        return unavailable(what, clean(reply));
      }
      return new EdwException(
          "could not " + what + " queue '" + queue + "': Redis answered " + clean(reply), false);
    }
    return unavailable(what, clean(e));
  }

  /**
   * Whether a server reply says Redis cannot do the work for now: loading, busy with a script,
   * failing over, a read-only replica, memory at maxmemory (OOM), or persistence failing (MISCONF:
   * the disk for its AOF or RDB file is full or unwritable). Inside a script Redis may prefix the
   * code, so OOM and MISCONF are looked for anywhere in the reply.
   */
  static boolean isOutage(String reply) {
    return reply.startsWith("LOADING")
        || reply.startsWith("BUSY")
        || reply.startsWith("TRYAGAIN")
        || reply.startsWith("MASTERDOWN")
        || reply.startsWith("READONLY")
        || reply.startsWith("CLUSTERDOWN")
        || reply.startsWith("NOREPLICAS")
        || reply.startsWith("OOM")
        || reply.contains("OOM command not allowed")
        || reply.startsWith("MISCONF")
        || reply.contains("MISCONF ");
  }

  /** The first error reply from the server in the cause chain, if any. */
  private static String serverReply(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RedisCommandExecutionException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return null;
  }

  private BackendUnavailableException unavailable(String what, String why) {
    return new BackendUnavailableException(
        "could not " + what + " queue '" + queue + "': Redis is unavailable (" + why + ")", null);
  }

  private String clean(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 400; t = t.getCause()) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return clean(text.toString());
  }

  private String clean(String text) {
    if (password != null && !password.isEmpty()) {
      text = text.replace(password, "***");
    }
    return text;
  }
}
