package dev.edw.api.backend;

import dev.edw.api.InvalidInputException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The name of one resource (a queue, a table or a blob container) on one backend.
 *
 * <p>Grammar: {@code scheme:location[?key=value&...]#name} or {@code
 * scheme:location/name[?key=value&...]}. The name is the fragment when there is one, otherwise the
 * last path segment. A bare name without a scheme ({@code orders}) is a resource of the default
 * store. Examples:
 *
 * <ul>
 *   <li>{@code sqlite:edw-data/edw.db#orders}
 *   <li>{@code azure-queue://myaccount/orders?endpoint=http://127.0.0.1:10001/devstoreaccount1}
 *   <li>{@code sqs://us-east-1/orders.fifo}
 *   <li>{@code redis://localhost:6379/0/temperature_job}
 *   <li>{@code file:data/images}
 * </ul>
 *
 * <p>{@link #toString()} hides the values of secret parameters, so a URI can always be logged.
 *
 * @param scheme lower-case scheme, such as {@code sqlite}
 * @param location everything between the scheme and the name: a file path, {@code //account}, a
 *     queue URL prefix
 * @param name the resource name: queue, table, container or directory
 * @param params query parameters, in their given order
 * @param fragmentName whether the name was written as a fragment ({@code #name})
 */
public record ResourceUri(
    String scheme, String location, String name, Map<String, String> params, boolean fragmentName) {

  /** The embedded store used when a bare name is given and EDW_STORE is not set. */
  public static final String DEFAULT_STORE = "sqlite:edw-data/edw.db";

  private static final Set<String> SECRET_PARAMS =
      Set.of(
          "password",
          "key",
          "accountkey",
          "sas",
          "sastoken",
          "connectionstring",
          "secret",
          "token",
          "secretaccesskey");

  /** Parts of a parameter name that mark it secret wherever they appear in it. */
  private static final List<String> SECRET_WORDS =
      List.of("pass", "pwd", "secret", "key", "token", "sas", "sig", "cred", "auth", "connection");

  public ResourceUri {
    Objects.requireNonNull(scheme, "'scheme' cannot be null.");
    Objects.requireNonNull(location, "'location' cannot be null.");
    Objects.requireNonNull(name, "'name' cannot be null.");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Parses {@code text}; a bare name is resolved against {@link #DEFAULT_STORE}. */
  public static ResourceUri parse(String text) {
    return parse(text, DEFAULT_STORE);
  }

  /**
   * Parses {@code text}; a bare name (no scheme) is resolved against {@code defaultStore}, itself a
   * URI without a name such as {@code sqlite:edw-data/edw.db}.
   */
  public static ResourceUri parse(String text, String defaultStore) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("A resource URI cannot be empty.");
    }
    String trimmed = text.strip();
    int colon = trimmed.indexOf(':');
    if (colon < 0) {
      checkName(trimmed, text);
      if (defaultStore == null || defaultStore.indexOf(':') < 0) {
        throw new InvalidInputException(
            "the default store '"
                + defaultStore
                + "' (EDW_STORE) has no scheme: write it as a URI, e.g. sqlite:"
                + (defaultStore == null || defaultStore.isBlank()
                    ? "edw-data/edw.db"
                    : defaultStore));
      }
      return parse(defaultStore + "#" + trimmed, defaultStore);
    }
    String scheme = trimmed.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
      throw new InvalidInputException(
          "'"
              + text
              + "' is not a resource URI: the scheme must be letters, digits, '+', '-', '.'");
    }
    String rest = trimmed.substring(colon + 1);
    String fragment = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    Map<String, String> params = new LinkedHashMap<>();
    int question = rest.indexOf('?');
    if (question >= 0) {
      parseQuery(rest.substring(question + 1), params, text);
      rest = rest.substring(0, question);
    }
    String location;
    String name;
    if (fragment != null) {
      location = rest;
      name = fragment;
    } else {
      int slash = rest.lastIndexOf('/');
      location = slash >= 0 ? rest.substring(0, slash) : "";
      name = rest.substring(slash + 1);
    }
    checkName(name, text);
    return new ResourceUri(scheme, location, name, params, fragment != null);
  }

  private static void checkName(String name, String text) {
    if (name.isEmpty()) {
      throw new InvalidInputException(
          "'" + redactText(text) + "' names no resource: end it with '#name' or '/name'");
    }
    if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new InvalidInputException(
          "'" + redactText(text) + "' has a resource name with white space or control characters");
    }
  }

  private static void parseQuery(String query, Map<String, String> params, String text) {
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException(
            "'" + redactText(text) + "' has a parameter without a value: write key=value");
      }
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
  }

  /** {@code text} with a password in user info and all parameter values hidden, for errors. */
  static String redactText(String text) {
    int question = text.indexOf('?');
    String head = question < 0 ? text : text.substring(0, question) + "?...";
    return redactUserInfo(head);
  }

  private static final java.util.regex.Pattern USER_INFO_SECRET =
      java.util.regex.Pattern.compile("(//[^/@:?#]*:)[^/@?#]*@");

  /** Hides the password of {@code //user:password@host}. */
  static String redactUserInfo(String location) {
    return USER_INFO_SECRET.matcher(location).replaceFirst("$1***@");
  }

  /** The same location and parameters with another resource name, e.g. the poison queue. */
  public ResourceUri withName(String newName) {
    checkName(newName, newName);
    return new ResourceUri(scheme, location, newName, params, fragmentName);
  }

  /**
   * Fails with {@link InvalidInputException} when this URI has a parameter that is not in {@code
   * known}, naming the known ones, so that a misspelled parameter ({@code ?pasword=}, {@code
   * ?snyc=}) is an error instead of being ignored. The message shows no parameter values.
   *
   * @return this URI
   */
  public ResourceUri requireKnownParams(Set<String> known) {
    List<String> unknown = params.keySet().stream().filter(k -> !known.contains(k)).toList();
    if (unknown.isEmpty()) {
      return this;
    }
    StringBuilder valuesHidden = new StringBuilder(scheme).append(':');
    valuesHidden.append(redactUserInfo(location));
    if (!fragmentName) {
      valuesHidden.append(location.isEmpty() ? "" : "/").append(name);
    }
    valuesHidden
        .append('?')
        .append(String.join("&", params.keySet().stream().map(k -> k + "=...").toList()));
    if (fragmentName) {
      valuesHidden.append('#').append(name);
    }
    throw new InvalidInputException(
        "'"
            + valuesHidden
            + "' has unknown parameter"
            + (unknown.size() > 1 ? "s " : " ")
            + String.join(", ", unknown.stream().map(k -> "'" + k + "'").toList())
            + "; "
            + (known.isEmpty()
                ? "scheme '" + scheme + "' takes no parameters"
                : "known: " + String.join(", ", new java.util.TreeSet<>(known))));
  }

  /**
   * Whether a parameter of this name holds a secret: one of the known secret names, a name that
   * contains a secret-looking word ({@code pass}, {@code key}, {@code token}, {@code sig}, ...), or
   * a near miss of a known secret name ({@code pasword}), so that a typo does not leak it.
   */
  public static boolean isSecretParam(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (SECRET_PARAMS.contains(k) || SECRET_WORDS.stream().anyMatch(k::contains)) {
      return true;
    }
    return SECRET_PARAMS.stream().anyMatch(s -> distance(k, s) <= (s.length() >= 6 ? 2 : 1));
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The value of parameter {@code key}, if given. */
  public Optional<String> param(String key) {
    return Optional.ofNullable(params.get(key));
  }

  /** The URI as written, secrets included. Never log this; log {@link #toString()}. */
  public String format() {
    return render(false);
  }

  /** The URI with the values of secret parameters replaced by {@code ***}. */
  @Override
  public String toString() {
    return render(true);
  }

  private String render(boolean redact) {
    StringBuilder out =
        new StringBuilder(scheme).append(':').append(redact ? redactUserInfo(location) : location);
    if (!fragmentName) {
      if (!location.isEmpty()) {
        out.append('/');
      }
      out.append(name);
    }
    if (!params.isEmpty()) {
      out.append('?');
      boolean first = true;
      for (Map.Entry<String, String> e : params.entrySet()) {
        if (!first) {
          out.append('&');
        }
        first = false;
        boolean secret = isSecretParam(e.getKey());
        out.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(
                redact && secret ? "***" : URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      }
    }
    if (fragmentName) {
      out.append('#').append(name);
    }
    return out.toString();
  }
}
