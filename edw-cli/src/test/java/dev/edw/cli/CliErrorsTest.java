package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear message and a non-zero exit; good input works from a fresh folder. */
class CliErrorsTest {
  @TempDir Path dir;

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, Map.of(), args);
  }

  @Test
  void every_commands_help_renders_without_a_picocli_warning() {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.util.List<String> rendered = new java.util.ArrayList<>();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      java.util.ArrayDeque<picocli.CommandLine> left = new java.util.ArrayDeque<>();
      left.add(Main.commandLine());
      while (!left.isEmpty()) {
        picocli.CommandLine command = left.poll();
        rendered.add(command.getCommandName());
        command.getUsageMessage();
        left.addAll(command.getSubcommands().values());
      }
    } finally {
      System.setErr(err);
    }

    assertThat(rendered).contains("bench", "consume", "up", "simulate");
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void unknown_scheme_is_a_usage_error_that_lists_the_known_ones() throws Exception {
    EdwProcess.Result r = edw("queue", "stats", "nosuch://x/y");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("no backend for scheme 'nosuch'").contains("sqlite");
  }

  @Test
  void missing_queue_exits_with_not_found() throws Exception {
    EdwProcess.Result r = edw("queue", "stats", "never-made", "--json");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
    assertThat(r.stderr()).contains("never-made").contains("does not exist");
  }

  @Test
  void consume_of_a_missing_queue_exits_with_not_found_and_creates_nothing_to_hide_it()
      throws Exception {
    EdwProcess.Result r = edw("consume", "--queue", "typo-queue", "--metrics-port", "-1");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
    assertThat(edw("queue", "stats", "typo-queue").exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
  }

  @Test
  void bad_flag_values_are_usage_errors() throws Exception {
    assertThat(edw("consume", "--visibility", "soon").exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(edw("produce", "--count", "-5").exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(edw("consume", "--concurrency", "0", "--metrics-port", "-1").exitCode())
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(edw("frobnicate").exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void oversize_message_is_refused_with_its_size_and_nothing_is_sent() throws Exception {
    java.nio.file.Path big = dir.resolve("big.txt");
    java.nio.file.Files.writeString(big, "x".repeat((1 << 20) + 1));

    EdwProcess.Result send = edw("queue", "send", "q2", "--file", big.toString());
    EdwProcess.Result produce = edw("produce", "--queue", "q2", "--payload-bytes", "2000000");
    EdwProcess.Result stats = edw("queue", "stats", "q2", "--json");

    assertThat(send.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(send.stderr()).contains("1048577 bytes").contains("nothing was sent");
    assertThat(produce.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(produce.stderr()).contains("payloadBytes");
    assertThat(stats.stdout()).contains("\"visible\":0");
  }

  @Test
  void the_seeds_queue_and_table_variables_name_the_defaults_and_purge_empties_a_queue()
      throws Exception {
    Map<String, String> seedEnv =
        Map.of("AZURE_QUEUE_NAME", "seedqueue", "AZURE_TABLE_NAME", "seedresults");

    EdwProcess.Result produce = EdwProcess.run(dir, seedEnv, "produce", "--count", "30");
    EdwProcess.Result consume =
        EdwProcess.run(
            dir,
            seedEnv,
            "consume",
            "--until-empty",
            "--max-messages",
            "20",
            "--metrics-port",
            "-1");
    EdwProcess.Result rows = edw("table", "count", "seedresults");
    EdwProcess.Result purge = edw("queue", "purge", "seedqueue", "--yes");
    EdwProcess.Result after = edw("queue", "stats", "seedqueue", "--json");

    assertThat(produce.exitCode()).as(produce.stderr()).isZero();
    assertThat(consume.exitCode()).as(consume.stderr()).isZero();
    assertThat(rows.stdout().trim()).isEqualTo("20");
    assertThat(purge.exitCode()).isZero();
    assertThat(purge.stderr()).contains("purged 10 message(s)");
    assertThat(after.stdout()).contains("\"visible\":0");
  }

  @Test
  void sqlite_uri_without_a_name_says_how_to_write_one() throws Exception {
    EdwProcess.Result r = edw("queue", "send", "sqlite:data.db", "x");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("sqlite:PATH#NAME");
  }

  @Test
  void send_stats_peek_count_and_query_work_together() throws Exception {
    assertThat(
            edw(
                    "queue",
                    "send",
                    "q1",
                    "{\"msg\": \"hi\", \"srcStamp\": \"2026-11-23 04:00:00.000000\"}")
                .exitCode())
        .isZero();
    assertThat(edw("queue", "send", "q1", "not json").exitCode()).isZero();

    EdwProcess.Result stats = edw("queue", "stats", "q1", "--json");
    EdwProcess.Result peek = edw("queue", "peek", "q1");
    EdwProcess.Result consume =
        edw(
            "consume",
            "--queue",
            "q1",
            "--table",
            "r1",
            "--until-empty",
            "--max-dequeue",
            "1",
            "--metrics-port",
            "-1");
    EdwProcess.Result after = edw("queue", "stats", "q1", "--json");
    EdwProcess.Result count = edw("table", "count", "r1");
    EdwProcess.Result query = edw("table", "query", "r1");

    assertThat(stats.stdout())
        .contains("\"visible\":2")
        .contains("\"inFlight\":0")
        .contains("\"poison\":0");
    assertThat(peek.stdout().lines()).hasSize(2);
    assertThat(consume.exitCode()).as(consume.stderr()).isZero();
    assertThat(after.stdout()).contains("\"visible\":0").contains("\"poison\":1");
    assertThat(count.stdout().trim()).isEqualTo("1");
    assertThat(query.stdout()).contains("\"data\":\"hi\"").contains("\"messageProcessingTime\"");
  }
}
