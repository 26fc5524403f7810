package dev.edw.deploy;

import dev.edw.api.InvalidInputException;
import java.util.Locale;

/** Where the manifests go: AKS, EKS or any other Kubernetes cluster. */
public enum Target {
  AKS,
  EKS,
  K8S;

  /** Parses {@code aks}, {@code eks} or {@code k8s}, in any case. */
  public static Target parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException("unknown deploy target '" + text + "': use aks, eks or k8s");
    }
  }

  /** The lower-case name, as written on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
