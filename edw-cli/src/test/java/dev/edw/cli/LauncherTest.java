package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./edw} itself: a cached JDK choice and no JVM warnings, also with Lettuce/Netty. */
class LauncherTest {
  @TempDir Path dir;

  private static Path launcher() {
    return EdwProcess.jar().getParent().getParent().getParent().resolve("edw");
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  /** Runs {@code launcher args...} in {@code dir}, its environment changed by {@code env}. */
  private static Run run(Path launcher, Path dir, Consumer<Map<String, String>> env, String... args)
      throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    env.accept(builder.environment());
    Process p = builder.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("./edw " + String.join(" ", args) + " did not finish");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Run edw(String... args) throws Exception {
    // the jar under test, never a build from inside a test
    return run(launcher(), dir, env -> env.put("EDW_NO_BUILD", "1"), args);
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
  void the_heap_gets_transparent_huge_pages_exactly_where_the_kernel_gives_them_on_request()
      throws Exception {
    Path modeFile = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean onRequest =
        Files.isReadable(modeFile) && Files.readString(modeFile).contains("[madvise]");

    Run flags =
        run(
            launcher(),
            dir,
            env -> {
              env.put("EDW_NO_BUILD", "1");
              env.put("EDW_JAVA_OPTS", "-XX:+PrintFlagsFinal");
            },
            "--version");

    assertThat(flags.exitCode()).as(flags.stderr()).isZero();
    assertThat(flags.stdout())
        .containsPattern("bool UseTransparentHugePages += " + onRequest + " ")
        .doesNotContain("[warning]");
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

  /**
   * A copy of the launcher in a scratch tree with one module, whose "Maven" only counts its builds
   * and puts the real jar in place: what triggers a build, without running one.
   */
  private static final class ScratchTree {
    final Path root;
    final Path source;
    final Path builds;

    ScratchTree(Path root) throws Exception {
      this.root = root;
      Path repo = launcher().getParent();
      Files.copy(repo.resolve("edw"), root.resolve("edw"));
      root.resolve("edw").toFile().setExecutable(true);
      Files.createDirectories(root.resolve("scripts"));
      Files.copy(repo.resolve("scripts/find-java.sh"), root.resolve("scripts/find-java.sh"));
      Files.writeString(root.resolve("pom.xml"), "<project/>");
      source = root.resolve("edw-core/src/main/java/A.java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "class A {}");
      Files.writeString(root.resolve("edw-core/pom.xml"), "<project/>");
      Files.createDirectories(root.resolve("edw-core/src/test/java"));
      Files.writeString(root.resolve("edw-core/src/test/java/ATest.java"), "class ATest {}");
      builds = root.resolve("builds.txt");
      Path bin = Files.createDirectories(root.resolve("bin"));
      Path mvn = bin.resolve("mvn");
      Files.writeString(
          mvn,
          "#!/bin/sh\n"
              + "echo build >> '"
              + builds
              + "'\n"
              + "mkdir -p edw-cli/target && cp '"
              + EdwProcess.jar()
              + "' edw-cli/target/edw.jar\n");
      mvn.toFile().setExecutable(true);
    }

    Run edw(String... args) throws Exception {
      return edw(Map.of("EDW_CDS", "0"), args);
    }

    Run edw(Map<String, String> extra, String... args) throws Exception {
      return edwAt("edw", extra, args);
    }

    /** The launcher called by another spelling of its path, e.g. {@code ./edw}. */
    Run edwAt(String launcher, Map<String, String> extra, String... args) throws Exception {
      return run(
          root.resolve(launcher),
          root,
          env -> {
            env.put("PATH", root.resolve("bin") + ":" + env.get("PATH"));
            env.remove("EDW_NO_BUILD");
            env.remove("EDW_CDS");
            env.putAll(extra);
          },
          args);
    }

    long builds() throws Exception {
      return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
    }

    void edit(Path file) throws Exception {
      Files.writeString(file, Files.readString(file) + "\n// edited\n");
    }
  }

  @Test
  void the_launcher_builds_when_a_source_changes_and_only_then() throws Exception {
    ScratchTree tree = new ScratchTree(dir);

    Run first = tree.edw("--version");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).startsWith("edw ");
    assertThat(first.stderr()).contains("building");
    assertThat(tree.builds()).isEqualTo(1);

    Run unchanged = tree.edw("--version");
    assertThat(unchanged.stderr()).isEmpty();
    assertThat(tree.builds()).isEqualTo(1);

    tree.edit(tree.root.resolve("edw-core/src/test/java/ATest.java"));
    // a test source is not in the jar: no build
    assertThat(tree.edw("--version").exitCode()).isZero();
    assertThat(tree.builds()).isEqualTo(1);

    tree.edit(tree.source);
    Run edited = tree.edw("--version");
    assertThat(edited.exitCode()).as(edited.stderr()).isZero();
    assertThat(edited.stderr()).contains("building");
    assertThat(tree.builds()).isEqualTo(2);

    Path added = Files.writeString(tree.source.resolveSibling("B.java"), "class B {}");
    // a new file changes its directory: a build, even when the file itself has an old time
    Files.setLastModifiedTime(added, FileTime.fromMillis(0));
    assertThat(tree.edw("--version").exitCode()).isZero();
    assertThat(tree.builds()).isEqualTo(3);

    tree.edit(tree.root.resolve("edw-core/pom.xml"));
    assertThat(tree.edw("--version").exitCode()).isZero();
    assertThat(tree.builds()).isEqualTo(4);

    assertThat(tree.edw("--version").stderr()).isEmpty();
    assertThat(tree.builds()).isEqualTo(4);
  }

  @Test
  void a_build_leaves_a_class_data_archive_that_later_calls_use_without_a_word() throws Exception {
    ScratchTree tree = new ScratchTree(dir);
    Path jar = dir.resolve("edw-cli/target/edw.jar");
    Map<String, String> logLoads = Map.of("EDW_JAVA_OPTS", "-Xlog:class+load=info");
    // edw's own classes come from the archive, not from the jar
    String mapped = "dev.edw.cli.Main source: shared objects file";

    Run built = tree.edw(Map.of(), "--version");
    assertThat(built.exitCode()).as(built.stderr()).isZero();
    assertThat(built.stderr()).contains("preparing a class-data archive");
    // JDK 25+: an AOT cache; before: a dynamic class-data archive
    Path aot = dir.resolve("edw-cli/target/edw.aot");
    Path archive = Files.exists(aot) ? aot : dir.resolve("edw-cli/target/edw.jsa");
    assertThat(archive).isNotEmptyFile();

    Run used = tree.edw(logLoads, "--version");
    assertThat(used.stderr()).isEmpty();
    assertThat(used.stdout()).contains(mapped).contains("edw 0.");
    if (archive.equals(aot)) {
      // the cache's profiles are from a C1-only run: bench, which runs C2, goes without it
      Run bench = tree.edw(logLoads, "bench", "--help");
      assertThat(bench.exitCode()).as(bench.stderr()).isZero();
      assertThat(bench.stdout()).doesNotContain(mapped).contains("--replicas");
    }
    // the same tree by another path (the choice cached by the first call still fits)
    Run otherPath = tree.edwAt("./edw", logLoads, "--version");
    assertThat(otherPath.stderr()).isEmpty();
    assertThat(otherPath.stdout()).contains(mapped);

    // a jar built since by hand: without the source check nothing is made, and the stale
    // archive is left out, not reported
    FileTime before = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 10_000);
    Files.setLastModifiedTime(archive, before);
    Map<String, String> noBuild =
        Map.of("EDW_NO_BUILD", "1", "EDW_JAVA_OPTS", "-Xlog:class+load=info");
    Run stale = tree.edw(noBuild, "--version");
    assertThat(stale.stderr()).isEmpty();
    assertThat(stale.stdout()).doesNotContain(mapped).contains("edw 0.");

    // with the check, the next call makes a new archive for that jar and uses it
    Run remade = tree.edw(logLoads, "--version");
    assertThat(remade.stderr()).contains("preparing a class-data archive");
    assertThat(remade.stdout()).contains(mapped);
    assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(jar));

    // an archive the JVM cannot use (another JDK's, damaged): still not a word
    Files.writeString(archive, "not an archive");
    Run damaged = tree.edw(Map.of(), "--version");
    assertThat(damaged.exitCode()).isZero();
    assertThat(damaged.stdout()).startsWith("edw ");
    assertThat(damaged.stderr()).isEmpty();
  }

  @Test
  void a_build_takes_sqlites_library_out_of_the_jar_once_and_later_calls_load_that_file()
      throws Exception {
    ScratchTree tree = new ScratchTree(dir);
    Path library = dir.resolve("edw-cli/target/native/libsqlitejdbc.so");
    Map<String, String> logLoads = Map.of("EDW_CDS", "0", "EDW_JAVA_OPTS", "-Xlog:library=info");

    Run built = tree.edw("--version");
    assertThat(built.exitCode()).as(built.stderr()).isZero();
    assertThat(library).isNotEmptyFile();
    FileTime taken = Files.getLastModifiedTime(library);

    Run used = tree.edw(logLoads, "queue", "create", "sqlite:edw-data/edw.db#q");
    assertThat(used.exitCode()).as(used.stderr()).isZero();
    assertThat(used.stdout()).contains("Loaded library " + library);
    assertThat(Files.getLastModifiedTime(library)).isEqualTo(taken);

    // a library the JVM cannot load is not used: the jar's own copy is, as without the file
    Files.writeString(library, "not a library");
    Files.setLastModifiedTime(library, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Run broken = tree.edw(Map.of("EDW_CDS", "0"), "queue", "create", "sqlite:edw-data/edw.db#r");
    assertThat(broken.exitCode()).as(broken.stderr()).isZero();
  }
}
