package dev.edw.azure;

import java.util.Objects;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the Azurite shared by the whole test run: started on first use, stopped when
 * the run ends (the root store closes it). Register it as a static field:
 *
 * <pre>{@code @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();}
 * </pre>
 */
final class AzuriteExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AzuriteExtension.class);

  private volatile Azurite azurite;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (azurite == null) {
      azurite =
          context
              .getRoot()
              .getStore(NAMESPACE)
              .getOrComputeIfAbsent(Azurite.class, k -> Azurite.start(), Azurite.class);
    }
  }

  Azurite azurite() {
    return Objects.requireNonNull(azurite, "Azurite is started before the first test");
  }
}
