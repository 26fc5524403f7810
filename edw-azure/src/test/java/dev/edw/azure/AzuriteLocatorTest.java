package dev.edw.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests find Azurite in test-tools/ above them, and fail (never skip) when it is missing. */
class AzuriteLocatorTest {
  @TempDir Path repo;

  @Test
  void a_missing_install_fails_and_says_to_run_npm_ci() throws IOException {
    Files.createDirectories(repo.resolve("test-tools"));
    Files.writeString(repo.resolve("test-tools/package.json"), "{}");
    Path module = Files.createDirectories(repo.resolve("edw-azure/target"));

    assertThatThrownBy(() -> Azurite.findBinary(module))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("npm ci --prefix test-tools");
  }

  @Test
  void the_nearest_test_tools_folder_above_the_working_directory_is_used() throws IOException {
    Path bin = Files.createDirectories(repo.resolve("test-tools/node_modules/.bin"));
    Files.writeString(repo.resolve("test-tools/package.json"), "{}");
    Path azurite = Files.writeString(bin.resolve("azurite"), "#!/bin/sh\n");
    azurite.toFile().setExecutable(true);
    Path module = Files.createDirectories(repo.resolve("edw-azure"));

    assertThat(Azurite.findBinary(module)).isEqualTo(azurite);
  }

  @Test
  @Tag("azure")
  void the_real_install_is_found_from_the_module_directory() {
    assertThat(Azurite.findBinary()).endsWithRaw(Path.of("test-tools/node_modules/.bin/azurite"));
  }
}
