package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edw bench} runs its baselines and reports the lines scripts read; figures not checked. */
class BenchCommandTest {
  @TempDir Path dir;

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, Map.of(), args);
  }

  @Test
  void
      bench_on_the_embedded_store_prints_its_ratio_to_the_plain_loop_and_how_long_it_held_the_lock()
          throws Exception {
    EdwProcess.Result r =
        edw("bench", "-n", "600", "--naive-messages", "20", "--runs", "1", "--warmup", "0");

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(Main.EXIT_OK);
    assertThat(r.stdout())
        .contains("plain-loop")
        .containsPattern("(?m)^ratio to the plain loop: \\d+\\.\\d+$")
        .containsPattern(
            "(?m)^  embedded store's write lock held \\d+\\.\\d+ s of the run's \\d+\\.\\d+ s"
                + " \\(\\d+ %\\), [1-9]\\d* transactions");
  }

  @Test
  void bench_warms_up_in_passes_and_says_how_busy_the_jit_was_in_each() throws Exception {
    EdwProcess.Result r =
        edw(
            "bench",
            "-n",
            "300",
            "--naive-messages",
            "5",
            "--runs",
            "1",
            "--warmup",
            "200",
            "--max-warmup-passes",
            "2");

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(Main.EXIT_OK);
    assertThat(r.stdout())
        .containsPattern(
            "(?m)^warm-up pass 1 \\(record, seed-style, plain loop\\): 200 msgs \\(not measured\\),"
                + " the JIT compiling for \\d+ % of it")
        .doesNotContain("warm-up pass 3")
        .containsPattern("(?m)^ratio to the plain loop: \\d+\\.\\d+$");
  }

  @Test
  void warm_up_passes_after_the_first_repeat_only_the_record_processor() {
    List<String> all = List.of("record", "exec", "http", "per-message");

    assertThat(BenchCommand.warmUpVariants(true, all)).isEqualTo(all);
    assertThat(BenchCommand.warmUpVariants(false, all)).containsExactly("record");
  }

  @Test
  void bench_refuses_fewer_than_one_warm_up_pass_as_a_usage_error() throws Exception {
    EdwProcess.Result r = edw("bench", "--max-warmup-passes", "0", "-n", "10");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("--max-warmup-passes takes at least 1, not 0");
  }

  @Test
  void bench_with_replicas_drains_one_queue_from_several_processes_and_checks_every_row()
      throws Exception {
    EdwProcess.Result r = edw("bench", "--replicas", "1,2", "-n", "400", "--runs", "1");

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(Main.EXIT_OK);
    assertThat(r.stdout())
        .containsPattern("(?m)^replica JVM: .* -XX:\\+UseSerialGC .*-XX:TieredStopAtLevel=1 ")
        .containsPattern("(?m)^run 1 replicas 2 +400 msgs")
        .containsPattern("(?m)^median: replicas 2 \\d+ msgs/s")
        .containsPattern("(?m)^steady: run 1 replicas 2 ")
        .containsPattern("(?m)^median steady: replicas 2 ");
  }

  @Test
  void bench_refuses_zero_replicas_as_a_usage_error() throws Exception {
    EdwProcess.Result r = edw("bench", "--replicas", "0", "-n", "10");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("--replicas");
  }
}
