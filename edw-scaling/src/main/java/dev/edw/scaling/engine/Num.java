package dev.edw.scaling.engine;

import java.math.BigDecimal;

/** Numbers in reasons: whole numbers without ".0", others with at most 3 decimals. */
final class Num {
  private Num() {}

  static String fmt(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return String.valueOf(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf((long) d);
    }
    return BigDecimal.valueOf(d)
        .setScale(3, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
