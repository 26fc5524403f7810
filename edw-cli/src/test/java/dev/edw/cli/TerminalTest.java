package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person at a terminal sees: purge's question, and the progress line of consume and job. */
class TerminalTest {
  private static final Pattern PROGRESS =
      Pattern.compile(
          "\r\033\\[K(\\w+): ([\\d,]+) completed, ([\\d,]+) failed, ([\\d,]+) poisoned,"
              + " ([\\d,]+) in flight, backlog ([\\d,]+), ([\\d,]+) msgs/s");

  @TempDir Path dir;

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, Map.of(), args);
  }

  private String visible(String queue) throws Exception {
    return edw("queue", "stats", queue, "--json").stdout();
  }

  private int purgeAnswering(String queue, String answer) throws Exception {
    try (Pty pty = Pty.start(dir, "queue", "purge", queue)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> pty.screen().contains("[y/N]"));
      assertThat(pty.screen())
          .contains("Delete all 3 message(s) of sqlite:edw-data/edw.db#" + queue);
      pty.type(answer + "\n");
      return pty.exitCode();
    }
  }

  @Test
  void purge_on_a_terminal_asks_and_no_deletes_nothing() throws Exception {
    assertThat(edw("produce", "--queue", "keep", "--count", "3").exitCode()).isZero();

    int code = purgeAnswering("keep", "n");

    assertThat(code).isEqualTo(Main.EXIT_FAILURE);
    assertThat(visible("keep")).contains("\"visible\":3");
  }

  @Test
  void purge_on_a_terminal_asks_and_yes_deletes_every_message() throws Exception {
    assertThat(edw("produce", "--queue", "gone", "--count", "3").exitCode()).isZero();

    int code = purgeAnswering("gone", "yes");

    assertThat(code).isZero();
    assertThat(visible("gone")).contains("\"visible\":0");
  }

  /** Runs {@code command} on a terminal over 200 slow messages; the progress lines it drew. */
  private List<MatchResult> progressLines(String command, String queue) throws Exception {
    assertThat(edw("produce", "--queue", queue, "--count", "200").exitCode()).isZero();
    try (Pty pty =
        Pty.start(
            dir,
            command,
            "--queue",
            queue,
            "--concurrency",
            "4",
            "--processor-option",
            "workMs=50",
            "--until-empty",
            "--metrics-port",
            "-1")) {
      assertThat(pty.exitCode()).as(pty.screen()).isZero();
      return PROGRESS.matcher(pty.screen()).results().toList();
    }
  }

  private static long number(MatchResult m, int group) {
    return Long.parseLong(m.group(group).replace(",", ""));
  }

  private static void assertProgress(List<MatchResult> lines, String queue) {
    // 200 messages at 50 ms each, 4 at a time, take at least 2.5 s: a line every second
    assertThat(lines).isNotEmpty();
    long previous = 0;
    for (MatchResult line : lines) {
      assertThat(line.group(1)).isEqualTo(queue);
      long completed = number(line, 2);
      assertThat(completed).isBetween(previous, 200L);
      previous = completed;
      assertThat(number(line, 3)).isZero(); // failed
      assertThat(number(line, 4)).isZero(); // poisoned
      assertThat(number(line, 5)).isBetween(0L, 200L); // in flight: leased, waiting or running
      assertThat(number(line, 6)).isBetween(0L, 200L); // backlog: visible and delayed
    }
    assertThat(lines).anySatisfy(line -> assertThat(number(line, 2)).isPositive());
    assertThat(lines).anySatisfy(line -> assertThat(number(line, 7)).isPositive()); // msgs/s
  }

  @Test
  void consume_on_a_terminal_redraws_a_progress_line() throws Exception {
    assertProgress(progressLines("consume", "cq"), "cq");
  }

  @Test
  void job_on_a_terminal_redraws_a_progress_line() throws Exception {
    assertProgress(progressLines("job", "jq"), "jq");
  }
}
