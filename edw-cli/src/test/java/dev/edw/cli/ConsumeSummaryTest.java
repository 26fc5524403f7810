package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary line of {@code edw consume} tells the truth about poisoned messages. */
class ConsumeSummaryTest {
  @TempDir Path dir;

  @Test
  void a_run_that_poisoned_a_message_never_calls_its_drain_clean() throws Exception {
    Map<String, String> env = Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"));
    assertThat(EdwProcess.run(dir, env, "produce", "--count", "3").exitCode()).isZero();
    assertThat(
            EdwProcess.run(dir, env, "queue", "send", "edw-queue", "not the seed's json")
                .exitCode())
        .isZero();

    EdwProcess.Result run =
        EdwProcess.run(
            dir, env, "consume", "--until-empty", "--max-dequeue", "1", "--metrics-port", "-1");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr())
        .contains("4 message(s) completed (1 poisoned)")
        .contains("drain done; NOT clean: 1 message(s) went to the poison queue")
        .doesNotContain("drain clean");
  }
}
