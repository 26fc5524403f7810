package dev.edw.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code edw} jar as a separate OS process, as users and Kubernetes do. */
final class EdwProcess {
  private EdwProcess() {}

  static Path jar() {
    String jar = System.getProperty("edw.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException(
          "the edw jar is missing (" + jar + "): run the tests with 'mvn verify'");
    }
    return Path.of(jar);
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java ... -jar edw.jar args...} with the JVM flags the {@code ./edw} launcher gives every
   * command but {@code bench}: C1 only and the serial collector, which cut the CPU of a short run
   * by about a third (docs/benchmarks.md). The tests start over a hundred such processes on a
   * machine of two cores, so this is most of what they spend starting edw.
   */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Starts {@code edw args...} in {@code dir} with extra environment; output goes to a log. */
  static Process start(Path dir, Map<String, String> env, String... args) throws IOException {
    return start(dir, env, dir.resolve("edw-" + System.nanoTime() + ".log"), args);
  }

  /** Starts {@code edw args...} in {@code dir}; standard output and error go to {@code log}. */
  static Process start(Path dir, Map<String, String> env, Path log, String... args)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(args)).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  /** The result of a command run to its end. */
  record Result(int exitCode, String stdout, String stderr) {}

  static Result run(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(dir, env, null, args);
  }

  /** Runs {@code edw args...} with {@code stdin} (a file) as its standard input, or none. */
  static Result run(Path dir, Map<String, String> env, Path stdin, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command(args)).directory(dir.toFile());
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    Process p = builder.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("edw " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
