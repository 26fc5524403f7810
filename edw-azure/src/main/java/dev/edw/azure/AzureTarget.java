package dev.edw.azure;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;

/**
 * Where one Azure resource lives and how to sign in to it, resolved from its URI and the
 * environment.
 *
 * <p>URI forms: {@code azure-queue://ACCOUNT/NAME}, {@code azure-queue:NAME} or {@code
 * azure-queue:///NAME} (account from AZURE_STORAGE_ACCOUNT_NAME or the connection string), and
 * {@code azure-queue://ACCOUNT} (name from AZURE_QUEUE_NAME or AZURE_TABLE_NAME). Parameters:
 * {@code endpoint} (Azurite, sovereign clouds), {@code connectionString}, {@code accountKey}.
 *
 * <p>Credentials, first found wins: the {@code connectionString} parameter, the {@code accountKey}
 * parameter, AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_KEY, then DefaultAzureCredential.
 *
 * @param uri the URI with account and name filled in, as {@code uri()} reports it
 * @param name the queue, table or container name
 * @param account the storage account, or null when only the connection string names it
 * @param endpoint the service endpoint, or null to take it from the connection string
 * @param auth how to sign in
 */
record AzureTarget(ResourceUri uri, String name, String account, String endpoint, AzureAuth auth) {

  static final String ENV_ACCOUNT = "AZURE_STORAGE_ACCOUNT_NAME";
  static final String ENV_CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";
  static final String ENV_KEY = "AZURE_STORAGE_KEY";
  static final String ENV_QUEUE_NAME = "AZURE_QUEUE_NAME";
  static final String ENV_TABLE_NAME = "AZURE_TABLE_NAME";

  static AzureTarget resolve(ResourceUri uri, ResourceKind kind, BackendContext context) {
    String location = uri.location();
    String account;
    String name;
    if (location.equals("/") && !uri.fragmentName()) {
      // azure-queue://ACCOUNT: the last segment is the account, the name comes from the env
      account = uri.name();
      name = defaultName(uri, kind, context);
    } else if (location.startsWith("//") && !location.substring(2).contains("/")) {
      account = location.substring(2);
      name = uri.name();
    } else if (location.isEmpty()) {
      account = "";
      name = uri.name();
    } else {
      throw new InvalidInputException(
          "'" + uri + "' is not an Azure Storage URI: write " + uri.scheme() + "://ACCOUNT/NAME");
    }
    if (account.isEmpty()) {
      account = context.envVar(ENV_ACCOUNT).orElse("");
    }
    AzureAuth auth = auth(uri, account, context);
    if (auth instanceof AzureAuth.ConnectionString cs) {
      String csAccount = cs.accountName().orElse("");
      if (!account.isEmpty() && !csAccount.isEmpty() && !csAccount.equals(account)) {
        throw new InvalidInputException(
            "'"
                + uri
                + "' names account '"
                + account
                + "' but "
                + cs.describe()
                + " is for account '"
                + csAccount
                + "'");
      }
    } else if (account.isEmpty()) {
      throw new InvalidInputException(
          "'"
              + uri
              + "' names no storage account: write "
              + uri.scheme()
              + "://ACCOUNT/NAME, set "
              + ENV_ACCOUNT
              + " or give a connection string");
    }
    if (!account.isEmpty()) {
      AzureNames.checkAccount(account);
    }
    String endpoint =
        uri.param("endpoint")
            .map(AzureTarget::trimSlash)
            .orElse(
                account.isEmpty() || auth instanceof AzureAuth.ConnectionString
                    ? null
                    : "https://" + account + "." + service(kind) + ".core.windows.net");
    ResourceUri resolved =
        account.isEmpty()
            ? uri.withName(name)
            : new ResourceUri(uri.scheme(), "//" + account, name, uri.params(), false);
    return new AzureTarget(resolved, name, account.isEmpty() ? null : account, endpoint, auth);
  }

  private static String defaultName(ResourceUri uri, ResourceKind kind, BackendContext context) {
    String variable =
        switch (kind) {
          case QUEUE -> ENV_QUEUE_NAME;
          case TABLE -> ENV_TABLE_NAME;
          case BLOB -> null;
        };
    if (variable == null || context.envVar(variable).isEmpty()) {
      throw new InvalidInputException(
          "'"
              + uri
              + "' names an account but no "
              + kind.noun()
              + ": write "
              + uri.scheme()
              + "://ACCOUNT/NAME"
              + (variable == null ? "" : " or set " + variable));
    }
    return context.envVar(variable).orElseThrow();
  }

  private static AzureAuth auth(ResourceUri uri, String account, BackendContext context) {
    if (uri.param("connectionString").isPresent()) {
      return new AzureAuth.ConnectionString(
          uri.param("connectionString").orElseThrow(), "the connectionString parameter");
    }
    if (uri.param("accountKey").isPresent()) {
      return new AzureAuth.SharedKey(
          account, uri.param("accountKey").orElseThrow(), "the accountKey parameter");
    }
    if (context.envVar(ENV_CONNECTION_STRING).isPresent()) {
      return new AzureAuth.ConnectionString(
          context.envVar(ENV_CONNECTION_STRING).orElseThrow(), ENV_CONNECTION_STRING);
    }
    if (context.envVar(ENV_KEY).isPresent()) {
      return new AzureAuth.SharedKey(account, context.envVar(ENV_KEY).orElseThrow(), ENV_KEY);
    }
    return new AzureAuth.DefaultCredential();
  }

  private static String service(ResourceKind kind) {
    return switch (kind) {
      case QUEUE -> "queue";
      case TABLE -> "table";
      case BLOB -> "blob";
    };
  }

  private static String trimSlash(String endpoint) {
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  /** Where requests go, for messages: the endpoint or the account. */
  String where() {
    return endpoint != null ? endpoint : account != null ? "account '" + account + "'" : "Azure";
  }
}
