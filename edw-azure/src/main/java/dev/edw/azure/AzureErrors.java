package dev.edw.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.data.tables.models.TableServiceException;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.queue.models.QueueStorageException;
import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Turns Azure SDK failures into edw's exceptions: throttling, server errors and unreachable
 * endpoints become a retryable {@link BackendUnavailableException}; 404 a {@link
 * ResourceNotFoundException}; other 4xx a non-retryable {@link InvalidInputException}. Messages
 * name the resource and the HTTP status and error code, and are scrubbed of the target's secrets.
 */
final class AzureErrors {
  private final AzureTarget target;

  AzureErrors(AzureTarget target) {
    this.target = target;
  }

  /** The service's error code (e.g. {@code QueueNotFound}, {@code ServerBusy}), or null. */
  static String errorCode(Throwable failure) {
    HttpResponseException e = httpCause(failure);
    if (e == null) {
      return null;
    }
    Object code =
        switch (e) {
          case QueueStorageException q -> q.getErrorCode();
          case BlobStorageException b -> b.getErrorCode();
          case TableServiceException t -> t.getValue() == null ? null : t.getValue().getErrorCode();
          default -> null;
        };
    if (code == null && e.getResponse() != null) {
      return e.getResponse()
          .getHeaderValue(com.azure.core.http.HttpHeaderName.fromString("x-ms-error-code"));
    }
    return code == null ? null : code.toString();
  }

  /** HTTP status of a service error, also a wrapped one, or -1 for any other failure. */
  static int status(Throwable failure) {
    HttpResponseException e = httpCause(failure);
    return e == null || e.getResponse() == null ? -1 : e.getResponse().getStatusCode();
  }

  /** The edw exception for a failure while doing {@code what} (e.g. "receiving from queue 'x'"). */
  EdwException map(RuntimeException e, String what) {
    if (e instanceof EdwException edw) {
      return edw;
    }
    HttpResponseException http = httpCause(e);
    if (noCredentials(e)
        || (http instanceof ClientAuthenticationException && http.getResponse() == null)) {
      // no token: DefaultAzureCredential found no identity, or the CLI is not logged in. A
      // configuration error, not an outage: one line with the fix, not the SDK's whole chain
      return new InvalidInputException(
          scrub(
              what
                  + ": could not sign in with "
                  + target.auth().describe()
                  + ", no Azure credentials ("
                  + firstLine(e)
                  + "): set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_KEY, run 'az login',"
                  + " or give the pod a workload identity"),
          e);
    }
    if (http != null && http.getResponse() != null) {
      return mapHttp(http, what);
    }
    Throwable io = ioCause(e);
    if (io != null) {
      return new BackendUnavailableException(
          scrub(
              what
                  + ": cannot reach "
                  + target.where()
                  + " ("
                  + io.getClass().getSimpleName()
                  + (io.getMessage() == null ? "" : ": " + io.getMessage())
                  + ")"),
          e);
    }
    return new EdwException(
        scrub(what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()), false, e);
  }

  private EdwException mapHttp(HttpResponseException e, String what) {
    int status = status(e);
    String code = errorCode(e);
    String detail = " (HTTP " + status + (code == null ? "" : " " + code) + ")";
    if (status == 408 || status == 429 || status >= 500) {
      return new BackendUnavailableException(
          scrub(what + ": the service is busy or unavailable" + detail + "; try again later"), e);
    }
    if (status == 404) {
      return new ResourceNotFoundException(scrub(what + ": not found" + detail));
    }
    if (status == 401 || status == 403) {
      return new EdwException(
          scrub(
              what
                  + ": not authorized"
                  + detail
                  + " with "
                  + target.auth().describe()
                  + "; check the key or the role assignment"),
          false,
          e);
    }
    return new InvalidInputException(scrub(what + ": refused" + detail), e);
  }

  /** The first line of the innermost message of {@code e}, at most 120 characters. */
  private static String firstLine(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    String line = message == null ? "no message" : message.strip().lines().findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }

  /** Whether {@code e} says that no credential source had an identity to offer. */
  static boolean noCredentials(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.azure.identity.CredentialUnavailableException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The service's error response, also when the SDK wrapped it (calls with a timeout do). */
  static HttpResponseException httpCause(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof HttpResponseException http) {
        return http;
      }
    }
    return null;
  }

  private static Throwable ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException
          || t instanceof UncheckedIOException
          || t instanceof TimeoutException) {
        return t instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** {@code text} with every secret of the target replaced by {@code ***}. */
  String scrub(String text) {
    return scrub(text, target.auth().secrets());
  }

  static String scrub(String text, List<String> secrets) {
    String out = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, "***");
      }
    }
    return out;
  }
}
