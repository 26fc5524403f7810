package dev.edw.deploy;

import dev.edw.deploy.check.Finding;
import java.util.List;
import java.util.Map;

/**
 * What a render produced: the objects, in apply order, and the warnings about the config.
 *
 * @param objects Kubernetes objects as ordered mappings
 * @param warnings what the render found wrong and (where it could) fixed
 */
public record Rendering(List<Map<String, Object>> objects, List<Finding> warnings) {
  public Rendering {
    objects = List.copyOf(objects);
    warnings = List.copyOf(warnings);
  }

  /** The objects as one multi-document YAML stream. */
  public String yaml() {
    return Yaml.documents(objects);
  }
}
