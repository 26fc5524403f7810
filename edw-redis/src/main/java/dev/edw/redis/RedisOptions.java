package dev.edw.redis;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import io.lettuce.core.RedisURI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a {@code redis:} queue lives, read from its URI and, for a URI without a host, from the
 * environment.
 *
 * <p>{@code redis://[[user:]password@]host[:port][/db]/list}, {@code rediss://...} for TLS, or
 * {@code redis:list} (host from REDIS_HOST, port from REDIS_PORT, else localhost:6379). The
 * password is REDIS_PASSWORD whenever the URI carries none. Parameters: {@code password}, {@code
 * username}, {@code db}, {@code timeoutMs} (command timeout), {@code verifyPeer=false} (TLS without
 * certificate checks).
 *
 * @param uri the URI with any password moved from the user-info part into the {@code password}
 *     parameter, so that {@link ResourceUri#toString()} hides it
 */
record RedisOptions(
    ResourceUri uri,
    String host,
    int port,
    int db,
    String username,
    String password,
    boolean tls,
    boolean verifyPeer,
    Duration timeout) {
  static final String DEFAULT_HOST = "localhost";
  static final int DEFAULT_PORT = 6379;
  static final int DEFAULT_DB = 0;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  static final String TLS_SCHEME = "rediss";

  /** The URI parameters a Redis URI may carry. */
  static final java.util.Set<String> PARAMS =
      java.util.Set.of("password", "username", "db", "timeoutMs", "verifyPeer");

  /** The password of a URI that carries none. */
  static final String ENV_PASSWORD = "REDIS_PASSWORD";

  @Override
  public String toString() {
    return "RedisOptions[" + uri + "]";
  }

  static RedisOptions from(ResourceUri uri, BackendContext context) {
    uri.requireKnownParams(PARAMS);
    boolean tls = uri.scheme().equals(TLS_SCHEME);
    String location = uri.location();
    Map<String, String> params = new LinkedHashMap<>(uri.params());
    String host;
    int port;
    int db = DEFAULT_DB;
    String username = params.get("username");
    String password = params.get("password");
    String keptLocation = location;
    if (location.startsWith("//")) {
      String authority = location.substring(2);
      String path = "";
      int slash = authority.indexOf('/');
      if (slash >= 0) {
        path = authority.substring(slash + 1);
        authority = authority.substring(0, slash);
      }
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        String userInfo = authority.substring(0, at);
        authority = authority.substring(at + 1);
        int colon = userInfo.indexOf(':');
        String user = colon >= 0 ? userInfo.substring(0, colon) : "";
        String secret = colon >= 0 ? userInfo.substring(colon + 1) : userInfo;
        if (!user.isEmpty()) {
          username = decode(user);
          params.put("username", username);
        }
        if (!secret.isEmpty()) {
          password = decode(secret);
          params.put("password", password);
        }
        keptLocation = "//" + authority + (slash >= 0 ? "/" + path : "");
      }
      if (authority.isEmpty()) {
        throw invalid(uri, "names no host");
      }
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && !authority.endsWith("]")) {
        host = authority.substring(0, colon);
        port = number(uri, "port", authority.substring(colon + 1));
      } else {
        host = authority;
        port = DEFAULT_PORT;
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (!path.isEmpty()) {
        db = number(uri, "database", path);
      }
    } else {
      if (!location.isEmpty()) {
        db = number(uri, "database", location);
      }
      String envHost = context.envVar("REDIS_HOST").orElse(DEFAULT_HOST);
      int envColon = envHost.lastIndexOf(':');
      if (envColon > 0 && envHost.indexOf(':') == envColon) {
        host = envHost.substring(0, envColon);
        port = number(uri, "REDIS_HOST port", envHost.substring(envColon + 1));
      } else {
        host = envHost;
        port =
            context
                .envVar("REDIS_PORT")
                .map(p -> number(uri, "REDIS_PORT", p))
                .orElse(DEFAULT_PORT);
      }
    }
    if (password == null) {
      // also for a URI with a host: keeps passwords out of command lines and pod specs
      password = context.envVar(ENV_PASSWORD).orElse(null);
    }
    if (params.containsKey("db")) {
      db = number(uri, "db", params.get("db"));
    }
    Duration timeout =
        params.containsKey("timeoutMs")
            ? Duration.ofMillis(number(uri, "timeoutMs", params.get("timeoutMs")))
            : DEFAULT_TIMEOUT;
    if (timeout.isZero()) {
      throw invalid(uri, "timeoutMs must be positive");
    }
    boolean verifyPeer = !"false".equalsIgnoreCase(params.getOrDefault("verifyPeer", "true"));
    ResourceUri safe =
        new ResourceUri(uri.scheme(), keptLocation, uri.name(), params, uri.fragmentName());
    return new RedisOptions(safe, host, port, db, username, password, tls, verifyPeer, timeout);
  }

  /** The Lettuce URI, password included: never log it. */
  RedisURI redisUri() {
    RedisURI.Builder builder =
        RedisURI.builder()
            .withHost(host)
            .withPort(port)
            .withDatabase(db)
            .withSsl(tls)
            .withVerifyPeer(verifyPeer)
            .withTimeout(timeout);
    if (password != null && username != null) {
      builder.withAuthentication(username, password);
    } else if (password != null) {
      builder.withPassword((CharSequence) password);
    }
    return builder.build();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static int number(ResourceUri uri, String what, String text) {
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw invalid(uri, what + " must be a non-negative number, not '" + text + "'");
  }

  private static InvalidInputException invalid(ResourceUri uri, String why) {
    return new InvalidInputException(
        "'"
            + redacted(uri)
            + "' is not a Redis queue URI ("
            + why
            + "): write redis://host:6379/0/list or redis:list");
  }

  /** The URI for messages, without the user-info part, which may hold a password. */
  static String redacted(ResourceUri uri) {
    String location = uri.location();
    int at = location.lastIndexOf('@');
    if (location.startsWith("//") && at >= 0) {
      location = "//***@" + location.substring(at + 1);
    }
    return new ResourceUri(uri.scheme(), location, uri.name(), uri.params(), uri.fragmentName())
        .toString();
  }
}
