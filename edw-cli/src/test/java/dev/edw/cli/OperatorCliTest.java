package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's view: defaults, exit codes, strict input, confirmation, version, completion. */
class OperatorCliTest {
  @TempDir Path dir;

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, Map.of(), args);
  }

  @Test
  void a_missing_subcommand_is_a_usage_error_that_lists_the_subcommands() throws Exception {
    EdwProcess.Result top = edw();
    EdwProcess.Result queue = edw("queue");
    EdwProcess.Result table = edw("table");

    assertThat(top.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(top.stderr()).contains("give a subcommand").contains("consume");
    assertThat(queue.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(queue.stderr()).contains("redrive").contains("purge");
    assertThat(table.exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void read_only_commands_default_to_the_produce_queue_and_table_and_create_no_file()
      throws Exception {
    EdwProcess.Result stats = edw("queue", "stats");
    EdwProcess.Result peek = edw("queue", "peek");
    EdwProcess.Result count = edw("table", "count");

    assertThat(stats.exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
    assertThat(stats.stderr()).contains("edw-queue");
    assertThat(peek.exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
    assertThat(count.exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
    assertThat(count.stderr()).contains("edwresults");
    assertThat(dir.resolve("edw-data")).doesNotExist();

    assertThat(edw("produce", "--count", "3").exitCode()).isZero();
    assertThat(edw("queue", "stats", "--json").stdout()).contains("\"visible\":3");
  }

  @Test
  void send_reads_a_file_or_stdin_and_refuses_bytes_that_are_not_text() throws Exception {
    Path good = Files.writeString(dir.resolve("good.txt"), "från fil");
    Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'a', (byte) 0xff, 'b'});

    EdwProcess.Result fromFile = edw("queue", "send", "q", "--file", good.toString());
    EdwProcess.Result fromStdin =
        EdwProcess.run(dir, Map.of(), good, "queue", "send", "q", "--file", "-");
    EdwProcess.Result missing = edw("queue", "send", "q", "--file", "missing.txt");
    EdwProcess.Result notText = edw("queue", "send", "q", "--file", bad.toString());
    EdwProcess.Result badStdin =
        EdwProcess.run(dir, Map.of(), bad, "queue", "send", "q", "--file", "-");
    EdwProcess.Result replaced = edw("queue", "send", "q", "a\uFFFDb");
    EdwProcess.Result peek = edw("queue", "peek", "q");

    assertThat(fromFile.exitCode()).as(fromFile.stderr()).isZero();
    assertThat(fromStdin.exitCode()).as(fromStdin.stderr()).isZero();
    assertThat(missing.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(missing.stderr()).contains("missing.txt").contains("no such file");
    assertThat(notText.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(notText.stderr()).contains("not UTF-8 text").contains("offset 1");
    assertThat(badStdin.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(badStdin.stderr()).contains("standard input is not UTF-8 text");
    assertThat(replaced.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(replaced.stderr()).contains("TEXT is not valid text");
    assertThat(peek.stdout().lines())
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("från fil"));
  }

  @Test
  void purge_needs_yes_when_not_on_a_terminal_and_deletes_nothing_without_it() throws Exception {
    edw("produce", "--queue", "p", "--count", "4");

    EdwProcess.Result refused = edw("queue", "purge", "p");
    EdwProcess.Result kept = edw("queue", "stats", "p", "--json");
    EdwProcess.Result purged = edw("queue", "purge", "p", "--yes");

    assertThat(refused.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(refused.stderr()).contains("--yes");
    assertThat(kept.stdout()).contains("\"visible\":4");
    assertThat(purged.exitCode()).isZero();
    assertThat(purged.stderr()).contains("purged 4 message(s)");
  }

  @Test
  void unknown_uri_parameters_and_processor_options_are_usage_errors_naming_the_known_ones()
      throws Exception {
    EdwProcess.Result param = edw("queue", "send", "sqlite:edw-data/edw.db?snyc=normal#q", "x");
    EdwProcess.Result secret = edw("queue", "stats", "redis://127.0.0.1:1/0/q?pasword=hunter2");
    EdwProcess.Result option =
        edw("consume", "--queue", "q", "--processor-option", "wrokMs=1", "--metrics-port", "-1");

    assertThat(param.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(param.stderr()).contains("'snyc'").contains("known: busyTimeoutMs, sync");
    assertThat(secret.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(secret.stderr()).contains("'pasword'").doesNotContain("hunter2");
    assertThat(option.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(option.stderr()).contains("'wrokMs'").contains("known: workMs");
  }

  @Test
  void a_default_store_without_a_scheme_and_a_bad_log_level_are_usage_errors() throws Exception {
    EdwProcess.Result store =
        EdwProcess.run(dir, Map.of("EDW_STORE", "edw-data/other.db"), "queue", "stats");
    EdwProcess.Result level = EdwProcess.run(dir, Map.of("EDW_LOG_LEVEL", "bogus"), "backends");
    EdwProcess.Result format = EdwProcess.run(dir, Map.of("EDW_LOG_FORMAT", "xml"), "backends");

    assertThat(store.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(store.stderr()).contains("no scheme").contains("sqlite:edw-data/other.db");
    assertThat(level.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(level.stderr()).contains("EDW_LOG_LEVEL").contains("DEBUG");
    assertThat(format.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(format.stderr()).contains("text or json");
  }

  @Test
  void consume_creates_a_missing_queue_only_with_create() throws Exception {
    EdwProcess.Result refused = edw("consume", "--queue", "later", "--metrics-port", "-1");
    EdwProcess.Result created =
        edw("consume", "--queue", "later", "--create", "--until-empty", "--metrics-port", "-1");
    EdwProcess.Result job = edw("job", "--queue", "later-job", "--create");

    assertThat(refused.exitCode()).isEqualTo(Main.EXIT_NOT_FOUND);
    assertThat(refused.stderr()).contains("--create");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(job.exitCode()).as(job.stderr()).isZero();
    assertThat(edw("queue", "stats", "later-job").exitCode()).isZero();
  }

  @Test
  void version_names_the_commit_and_completion_is_a_bash_script_bash_accepts() throws Exception {
    EdwProcess.Result version = edw("--version");
    EdwProcess.Result completion = edw("completion", "bash");
    Path script = Files.writeString(dir.resolve("edw-completion.bash"), completion.stdout());
    Process bash =
        new ProcessBuilder(
                "bash", "-c", "source " + script + " && complete -p edw", "edw-completion")
            .redirectErrorStream(true)
            .start();
    String said = new String(bash.getInputStream().readAllBytes());

    assertThat(version.stdout()).matches("(?s)edw \\S+ \\(commit [0-9a-f]{7,}\\)\\s*");
    assertThat(completion.stdout()).contains("redrive").contains("--processor-option");
    assertThat(bash.waitFor()).as(said).isZero();
    assertThat(said).contains("edw");
  }

  @Test
  void missing_aws_credentials_are_a_configuration_error_with_the_fix() throws Exception {
    Path none = dir.resolve("no-such-file");
    Map<String, String> noCredentials =
        Map.of(
            "AWS_ACCESS_KEY_ID", "",
            "AWS_SECRET_ACCESS_KEY", "",
            "AWS_SESSION_TOKEN", "",
            "AWS_PROFILE", "",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "",
            "AWS_EC2_METADATA_DISABLED", "true",
            "AWS_SHARED_CREDENTIALS_FILE", none.toString(),
            "AWS_CONFIG_FILE", none.toString());

    EdwProcess.Result r =
        EdwProcess.run(
            dir, noCredentials, "queue", "stats", "sqs://us-east-1/q?endpoint=http://127.0.0.1:9");

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr().strip().lines()).hasSize(1);
    assertThat(r.stderr()).contains("no AWS credentials found").contains("AWS_ACCESS_KEY_ID");
  }
}
