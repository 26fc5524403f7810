package dev.edw.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the infrastructure scripts of deploy/ with a recording stand-in for az, aws, eksctl and helm
 * on PATH (or with none), a state file and a log in a temporary folder.
 */
final class ScriptRun {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final List<String> TOOLS = List.of("az", "aws", "eksctl", "helm");

  /** What the scripts and the stand-in use besides the cloud CLIs. */
  static final List<String> BASICS =
      List.of(
          "bash",
          "dirname",
          "basename",
          "tr",
          "head",
          "mktemp",
          "sed",
          "cat",
          "rm",
          "mkdir",
          "md5sum",
          "cut",
          "printf",
          "touch");

  final Path dir;
  final Path bare;
  final Path bin;
  final Path state;
  final Path standinState;

  ScriptRun(Path dir) throws IOException {
    this.dir = dir;
    this.bare = Files.createDirectories(dir.resolve("bare"));
    this.bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : BASICS) {
      Path real = which(tool);
      Files.createSymbolicLink(bare.resolve(tool), real);
    }
    this.state = dir.resolve("deploy.state");
    this.standinState = dir.resolve("standin-state");
    Path standin = Path.of("src/test/resources/standin/cloud-cli").toAbsolutePath();
    for (String tool : TOOLS) {
      Path target = bin.resolve(tool);
      Files.copy(standin, target, StandardCopyOption.REPLACE_EXISTING);
      target.toFile().setExecutable(true);
    }
  }

  private static Path which(String tool) {
    for (String dir : System.getenv("PATH").split(":")) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(tool + " is not on PATH");
  }

  /** What one run did: exit code, stdout, stderr, and the stand-in's log of calls. */
  record Result(int exitCode, String stdout, String stderr, List<String> calls) {
    /** The calls that create or change something in the cloud. */
    List<String> changes() {
      return calls.stream()
          .filter(
              c ->
                  c.matches(
                          "^\\S+ .*\\b(create|create-\\S+|attach-role-policy|upgrade|delete|delete-\\S+)\\b.*")
                      || c.contains(" --method put "))
          .filter(c -> !c.startsWith("helm repo "))
          .toList();
    }
  }

  /** Runs {@code script args...}; withStandin false leaves the cloud CLIs off PATH. */
  Result run(String script, boolean withStandin, String... args) throws Exception {
    Path log = Files.createTempFile(dir, "calls", ".log");
    List<String> command = new ArrayList<>(List.of("bash", REPO.resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = builder.environment();
    // only the basics: a cloud CLI installed on this machine is never reached
    env.put("PATH", withStandin ? bin + ":" + bare : bare.toString());
    env.put("EDW_DEPLOY_STATE", state.toString());
    env.put("STANDIN_LOG", log.toString());
    env.put("STANDIN_STATE", standinState.toString());
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(script + " did not finish in 60 s");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        Files.readAllLines(log, StandardCharsets.UTF_8));
  }
}
