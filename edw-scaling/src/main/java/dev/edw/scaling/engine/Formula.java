package dev.edw.scaling.engine;

import java.util.Map;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * A {@code scalingModifiers.formula} over trigger names. KEDA evaluates it with expr-lang ({@code
 * pkg/scaling/modifiers/formula.go} {@code calculateScalingModifiersFormula}); edw uses Apache
 * Commons JEXL, which has the same arithmetic, comparisons, {@code && ||}, the ternary {@code ?:}
 * and the null-coalescing {@code ??}. Division is always floating point, as in expr. A trigger with
 * no value is {@code null}, so {@code a ?? 0} works. Immutable and thread-safe.
 */
public final class Formula {
  private static final JexlEngine JEXL =
      new JexlBuilder()
          .arithmetic(new FloatDivision())
          .permissions(JexlPermissions.RESTRICTED)
          .strict(true)
          .silent(false)
          .safe(false)
          .create();

  private final String source;
  private final JexlExpression expression;

  /**
   * Compiles the formula.
   *
   * @throws IllegalArgumentException when it does not parse
   */
  public Formula(String source) {
    this.source = source;
    try {
      this.expression = JEXL.createExpression(source);
    } catch (JexlException e) {
      throw new IllegalArgumentException(
          "scalingModifiers.formula does not parse: " + source + " (" + e.getMessage() + ")", e);
    }
  }

  public String source() {
    return source;
  }

  /**
   * Evaluates with these trigger values (a null value is a missing one).
   *
   * @throws IllegalArgumentException when evaluation fails or the result is not a number
   */
  public double evaluate(Map<String, Double> values) {
    MapContext ctx = new MapContext();
    values.forEach(ctx::set);
    Object r;
    try {
      r = expression.evaluate(ctx);
    } catch (JexlException e) {
      throw new IllegalArgumentException("formula " + source + " failed: " + e.getMessage(), e);
    }
    if (r instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("formula " + source + " gave " + r + ", not a number");
  }

  /** JEXL arithmetic whose {@code /} is floating-point division, as in expr-lang. */
  static final class FloatDivision extends JexlArithmetic {
    FloatDivision() {
      super(true);
    }

    @Override
    public Object divide(Object left, Object right) {
      if (left == null || right == null) {
        return super.divide(left, right);
      }
      return toDouble(left) / toDouble(right);
    }
  }
}
