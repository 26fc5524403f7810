package dev.edw.aws;

import java.util.Locale;
import java.util.Set;

/** Which SQS error codes say that a receipt handle no longer names a live lease. */
final class SqsLeaseErrors {
  private static final Set<String> CODES =
      Set.of(
          "ReceiptHandleIsInvalid",
          "AWS.SimpleQueueService.ReceiptHandleIsInvalid",
          "InvalidReceiptHandle",
          "MessageNotInflight",
          "AWS.SimpleQueueService.MessageNotInflight");

  private SqsLeaseErrors() {}

  /**
   * Whether an error code (and message, for SQS's generic InvalidParameterValue about an expired
   * handle) means the lease is lost.
   */
  static boolean isLeaseLost(String code, String message) {
    if (code != null && CODES.contains(code)) {
      return true;
    }
    if ("InvalidParameterValue".equals(code) && message != null) {
      String lower = message.toLowerCase(Locale.ROOT);
      return lower.contains("receipt handle")
          || lower.contains("receipthandle")
          || lower.contains("message does not exist")
          || lower.contains("not available for visibility");
    }
    return false;
  }
}
