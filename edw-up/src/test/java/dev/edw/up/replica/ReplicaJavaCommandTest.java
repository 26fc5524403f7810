package dev.edw.up.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a replica JVM is started: a pod's flags, this JVM's class-data archive, then the caller's.
 */
class ReplicaJavaCommandTest {
  @Test
  void a_replica_starts_with_c1_and_the_serial_collector_and_maps_the_archive_this_jvm_maps() {
    List<String> cmd =
        ProcessReplicaLauncher.command(
            "/jdk/bin/java",
            "edw.jar",
            List.of(
                "-XX:SharedArchiveFile=edw.jsa",
                "-Xlog:cds*=off",
                "-Xmx4g",
                "-Dfoo=bar",
                "-Dorg.sqlite.lib.path=native",
                "-Dorg.sqlite.lib.name=libsqlitejdbc.so"),
            List.of(),
            "dev.edw.cli.Main");

    assertThat(cmd)
        .containsExactly(
            "/jdk/bin/java",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-XX:SharedArchiveFile=edw.jsa",
            "-Xlog:cds*=off",
            "-Dorg.sqlite.lib.path=native",
            "-Dorg.sqlite.lib.name=libsqlitejdbc.so",
            "-jar",
            "edw.jar");
  }

  @Test
  void a_replica_maps_the_aot_cache_this_jvm_maps() {
    List<String> cmd =
        ProcessReplicaLauncher.command(
            "java", "edw.jar", List.of("-XX:AOTCache=edw.aot", "-Xmx4g"), List.of(), "Main");

    assertThat(cmd).contains("-XX:AOTCache=edw.aot").doesNotContain("-Xmx4g");
  }

  @Test
  void a_replica_maps_the_aot_cache_a_c2_parent_names_but_does_not_map() {
    List<String> cmd =
        ProcessReplicaLauncher.command(
            "java", "edw.jar", List.of("-Dedw.replica.aotCache=edw.aot"), List.of(), "Main");

    assertThat(cmd)
        .contains("-XX:AOTCache=edw.aot")
        .doesNotContain("-Dedw.replica.aotCache=edw.aot");
  }

  @Test
  void a_replica_takes_the_huge_page_choice_this_jvm_was_started_with() {
    assertThat(
            ProcessReplicaLauncher.command(
                "java",
                "edw.jar",
                List.of("-XX:+UseTransparentHugePages", "-Xmx4g"),
                List.of(),
                "Main"))
        .contains("-XX:+UseTransparentHugePages");
    assertThat(
            ProcessReplicaLauncher.command(
                "java",
                "edw.jar",
                List.of("-XX:+UseTransparentHugePages", "-XX:-UseTransparentHugePages"),
                List.of(),
                "Main"))
        .containsSubsequence("-XX:+UseTransparentHugePages", "-XX:-UseTransparentHugePages");
    assertThat(ProcessReplicaLauncher.command("java", "edw.jar", List.of(), List.of(), "Main"))
        .noneMatch(option -> option.contains("TransparentHugePages"));
  }

  @Test
  void options_the_caller_adds_come_after_the_replica_defaults_so_that_they_win() {
    List<String> cmd =
        ProcessReplicaLauncher.command(
            "java",
            "a.jar:b.jar",
            List.of(),
            List.of("-XX:TieredStopAtLevel=4"),
            "dev.edw.cli.Main");

    assertThat(cmd.indexOf("-XX:TieredStopAtLevel=4"))
        .isGreaterThan(cmd.indexOf("-XX:TieredStopAtLevel=1"));
    assertThat(cmd.subList(cmd.size() - 4, cmd.size()))
        .containsExactly(
            "--enable-native-access=ALL-UNNAMED", "-cp", "a.jar:b.jar", "dev.edw.cli.Main");
  }
}
