package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./edw} itself: a cached JDK choice and no JVM warnings, also with Lettuce/Netty. */
class LauncherTest {
  @TempDir Path dir;

  private static Path launcher() {
    return EdwProcess.jar().getParent().getParent().getParent().resolve("edw");
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  private Run edw(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // the jar under test, never a build from inside a test
    builder.environment().put("EDW_NO_BUILD", "1");
    Process p = builder.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("./edw " + String.join(" ", args) + " did not finish");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void the_launcher_caches_its_jdk_choice_and_prints_no_jvm_warnings() throws Exception {
    Run first = edw("--version");
    Path cache = EdwProcess.jar().resolveSibling(".edw-java");
    Run second = edw("--version");

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).startsWith("edw ").contains("(commit ");
    assertThat(second.stdout()).isEqualTo(first.stdout());
    assertThat(second.stderr()).isEmpty();
    assertThat(Files.readString(cache)).contains("EDW_JAVA_HOME=").contains("EDW_JAVA_FLAGS=");
  }

  @Test
  void a_redis_command_prints_edws_answer_and_no_jvm_warnings() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      Run sent = edw("queue", "send", redis.uri("launcher-q"), "hello");
      Run stats = edw("queue", "stats", redis.uri("launcher-q"), "--json");

      assertThat(sent.exitCode()).as(sent.stderr()).isZero();
      assertThat(sent.stderr()).doesNotContain("WARNING");
      assertThat(stats.stdout()).contains("\"visible\":1");
      assertThat(stats.stderr()).isEmpty();
    }
  }
}
