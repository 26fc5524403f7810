package dev.edw.deploy.check;

import dev.edw.scaling.check.ScalingChecks;
import dev.edw.scaling.spec.KedaYaml;
import java.util.List;

/**
 * Reviews a rendered ScaledObject or ScaledJob with the same checks as {@code edw simulate} ({@link
 * ScalingChecks}): settings that strand messages, flap or react slowly to a burst.
 */
public final class ScalingReview {
  private ScalingReview() {}

  /** The findings about {@code scaledObjectYaml}, in the checks' own codes and words. */
  public static List<Finding> review(String scaledObjectYaml) {
    return ScalingChecks.check(KedaYaml.parse(scaledObjectYaml)).stream()
        .map(f -> new Finding(f.code(), f.message()))
        .toList();
  }

  /** Whether a finding is the stranding one, which the render fixes. */
  public static boolean strands(Finding f) {
    return dev.edw.scaling.check.Finding.STRANDS.equals(f.check());
  }
}
