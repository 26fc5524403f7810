package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, read as text (it was never built here: no container runtime works on these
 * machines): the same JVM flags as the Jib image, a non-root user, and a class-data-sharing archive
 * trained with those flags and used by the entrypoint.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = DeployRenderTest.repo().resolve("Dockerfile");

  /** The instructions, with continuation lines joined. */
  private static List<String> instructions() throws IOException {
    String text = Files.readString(DOCKERFILE).replaceAll("\\\\\\n\\s*", " ");
    List<String> lines = new ArrayList<>();
    for (String line : text.lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  private static String instruction(String keyword) throws IOException {
    List<String> found = instructions().stream().filter(l -> l.startsWith(keyword + " ")).toList();
    assertThat(found).as(keyword).isNotEmpty();
    return found.getLast().substring(keyword.length() + 1).trim();
  }

  @Test
  void the_entrypoint_runs_the_jib_image_flags_with_the_cds_archive_as_user_10001()
      throws IOException {
    List<String> entrypoint =
        Arrays.asList(new ObjectMapper().readValue(instruction("ENTRYPOINT"), String[].class));
    List<String> flags = ImageTarballTest.imageFlags();
    assertThat(entrypoint.getFirst()).isEqualTo("java");
    assertThat(entrypoint.subList(1, 1 + flags.size())).isEqualTo(flags);
    assertThat(entrypoint.subList(1 + flags.size(), entrypoint.size()))
        .containsExactly("-XX:SharedArchiveFile=/app/edw.jsa", "-jar", "/app/edw.jar");
    assertThat(instruction("USER")).isEqualTo("10001:10001");
  }

  @Test
  void the_cds_archive_is_trained_by_a_consume_with_the_same_flags_in_the_runtime_stage()
      throws IOException {
    Matcher arg = Pattern.compile("JVM_FLAGS=\"([^\"]+)\"").matcher(instruction("ARG"));
    assertThat(arg.find()).isTrue();
    assertThat(Arrays.asList(arg.group(1).split("\\s+"))).isEqualTo(ImageTarballTest.imageFlags());
    List<String> all = instructions();
    int runtime = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("FROM ")) {
        runtime = i;
      }
    }
    String training =
        all.subList(runtime, all.size()).stream()
            .filter(l -> l.contains("-XX:ArchiveClassesAtExit=/app/edw.jsa"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no training run in the runtime stage"));
    assertThat(training).contains("java $JVM_FLAGS -XX:MaxRAM=128m").contains(" consume ");
  }
}
