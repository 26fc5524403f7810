package dev.edw.aws;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Turns SDK exceptions into edw's: a missing queue or table is {@link ResourceNotFoundException};
 * throttling, HTTP 5xx and anything that kept the request from being answered (connection refused,
 * timeouts: {@link SdkClientException}) are {@link BackendUnavailableException}; a refused request
 * is {@link InvalidInputException} or a plain non-retryable {@link EdwException}. Messages name the
 * resource and AWS's error code, never credentials.
 */
final class AwsErrors {
  /**
   * Error codes that mean "not now" although AWS answers them with a 4xx status: request-rate and
   * account limits, timeouts, a transaction that collided with another.
   */
  static final java.util.Set<String> OUTAGE_CODES =
      java.util.Set.of(
          "RequestLimitExceeded",
          "LimitExceededException",
          "RequestTimeout",
          "RequestTimeoutException",
          "RequestThrottled",
          "TransactionInProgressException",
          "TransactionConflict",
          "ServiceUnavailable",
          "InternalFailure");

  private AwsErrors() {}

  /**
   * The edw exception for {@code e}.
   *
   * @param what the resource, for the message: {@code queue 'orders'}
   */
  static EdwException map(SdkException e, String what) {
    if (isMissing(e)) {
      return new ResourceNotFoundException(what + " does not exist");
    }
    if (e instanceof AwsServiceException service) {
      String code = code(service);
      int status = service.statusCode();
      String detail = code + " (HTTP " + status + "): " + message(service);
      if (service.isThrottlingException()
          || status >= 500
          || status == 429
          || OUTAGE_CODES.contains(code)) {
        return new BackendUnavailableException(what + " is unavailable for now: " + detail, e);
      }
      if (code.contains("Validation") || code.contains("InvalidParameter")) {
        return new InvalidInputException(what + ": AWS refused the request: " + detail, e);
      }
      return new EdwException(what + ": AWS refused the request: " + detail, false, e);
    }
    if (noCredentials(e)) {
      return new InvalidInputException(
          what
              + ": no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or"
              + " AWS_PROFILE, or run with a role (IRSA, EKS Pod Identity, instance profile)",
          e);
    }
    return new BackendUnavailableException(
        what + " cannot be reached: " + String.valueOf(e.getMessage()), e);
  }

  /**
   * Whether {@code e} says that the default credentials chain found nothing: a configuration error,
   * not an outage, so it must not be retried as one.
   */
  static boolean noCredentials(SdkException e) {
    String message = e.getMessage();
    return e instanceof SdkClientException
        && message != null
        && message.startsWith("Unable to load credentials");
  }

  /** Whether {@code e} says that the queue or table does not exist. */
  static boolean isMissing(SdkException e) {
    if (e instanceof QueueDoesNotExistException
        || e instanceof software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException) {
      return true;
    }
    return e instanceof AwsServiceException service
        && (code(service).contains("NonExistentQueue")
            || code(service).equals("QueueDoesNotExist"));
  }

  /** AWS's error code, such as {@code ThrottlingException}, or "unknown". */
  static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? "unknown"
        : e.awsErrorDetails().errorCode();
  }

  private static String message(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? "no message"
        : e.awsErrorDetails().errorMessage();
  }
}
