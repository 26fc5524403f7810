package dev.edw.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs test-tools/validate-manifests.mjs: objects checked against the JSON schemas of the published
 * npm packages kubernetes-models, @kubernetes-models/keda and @kubernetes-models/karpenter, which
 * scripts/test installs into test-tools/ from package-lock.json.
 */
final class PublishedSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PublishedSchemas() {}

  static Path testTools() {
    Path tools = Path.of("..", "test-tools").toAbsolutePath().normalize();
    if (!Files.isDirectory(tools.resolve("node_modules/@kubernetes-models/keda"))) {
      throw new IllegalStateException(
          "the schema packages are missing from "
              + tools
              + ": run scripts/test (or npm ci --prefix test-tools)");
    }
    return tools;
  }

  /** One output line per object: valid, invalid or unchecked, with the package that judged. */
  record Verdict(int exitCode, List<String> lines) {}

  static Verdict validate(List<Map<String, Object>> objects)
      throws IOException, InterruptedException {
    Path tools = testTools();
    Path input = Files.createTempFile("manifests", ".json");
    try {
      JSON.writeValue(input.toFile(), objects);
      Process p =
          new ProcessBuilder("node", tools.resolve("validate-manifests.mjs").toString())
              .redirectInput(input.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("validate-manifests.mjs did not finish in 60 s");
      }
      return new Verdict(p.exitValue(), out.lines().filter(l -> !l.isBlank()).toList());
    } finally {
      Files.deleteIfExists(input);
    }
  }
}
