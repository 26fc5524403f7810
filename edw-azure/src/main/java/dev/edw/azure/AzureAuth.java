package dev.edw.azure;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How to sign in to a storage account. {@link #toString()} never shows a secret; {@link #secrets()}
 * lists them so error messages can be scrubbed.
 */
sealed interface AzureAuth {

  /** Secret values that must never appear in a message. */
  List<String> secrets();

  /** Words for messages, without secrets. */
  String describe();

  /** A connection string: it names the account and endpoints and carries a key or SAS. */
  record ConnectionString(String value, String source) implements AzureAuth {
    @Override
    public List<String> secrets() {
      return List.of(value);
    }

    @Override
    public String describe() {
      return "the connection string from " + source;
    }

    /** The connection string's AccountName, if it has one (Azurite's shortcut has none). */
    Optional<String> accountName() {
      for (String part : value.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0
            && part.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("accountname")) {
          return Optional.of(part.substring(eq + 1).strip());
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "ConnectionString[from " + source + "]";
    }
  }

  /** A shared account key. */
  record SharedKey(String account, String key, String source) implements AzureAuth {
    @Override
    public List<String> secrets() {
      return List.of(key);
    }

    @Override
    public String describe() {
      return "the account key of '" + account + "' from " + source;
    }

    @Override
    public String toString() {
      return "SharedKey[" + account + ", from " + source + "]";
    }
  }

  /**
   * Microsoft Entra ID through DefaultAzureCredential: workload identity, managed identity, Azure
   * CLI login and the other sources it tries.
   */
  record DefaultCredential() implements AzureAuth {
    @Override
    public List<String> secrets() {
      return List.of();
    }

    @Override
    public String describe() {
      return "DefaultAzureCredential (workload identity, managed identity, Azure CLI login)";
    }
  }
}
