package dev.edw.core.consumer;

import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs each receipt of a batch call with its result by the receipt the call was made with, not by
 * position: a backend may answer in another order, or leave items out.
 */
final class BatchResults {
  private BatchResults() {}

  /**
   * The result for each of {@code requested}, in its order; null where the backend gave none (the
   * outcome is unknown, so the caller treats it as a retryable failure).
   */
  static List<ReceiptResult> align(List<Receipt> requested, List<ReceiptResult> results) {
    Map<Receipt, ReceiptResult> byReceipt = new HashMap<>(results.size() * 2);
    for (ReceiptResult r : results) {
      if (r != null && r.requested() != null) {
        byReceipt.putIfAbsent(r.requested(), r);
      }
    }
    List<ReceiptResult> aligned = new ArrayList<>(requested.size());
    for (Receipt receipt : requested) {
      aligned.add(byReceipt.get(receipt));
    }
    return aligned;
  }
}
