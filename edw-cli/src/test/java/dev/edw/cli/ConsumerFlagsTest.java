package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.core.consumer.ConsumerOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The consumer's flags take their defaults from ConsumerOptions and round-trip through toArgs. */
class ConsumerFlagsTest {

  private static ConsumeCommand consume(List<String> args) {
    ConsumeCommand command = new ConsumeCommand();
    CommandLine cli = new CommandLine(command);
    cli.registerConverter(Duration.class, new DurationConverter());
    cli.parseArgs(args.toArray(String[]::new));
    return command;
  }

  private static JobCommand job(List<String> args) {
    JobCommand command = new JobCommand();
    CommandLine cli = new CommandLine(command);
    cli.registerConverter(Duration.class, new DurationConverter());
    cli.parseArgs(args.toArray(String[]::new));
    return command;
  }

  @Test
  void no_flags_give_the_defaults_of_the_options_record() {
    ConsumeCommand command = consume(List.of());

    assertThat(command.flags.options(command.untilEmpty)).isEqualTo(ConsumerOptions.defaults());
    assertThat(command.flags.adminPort).isEqualTo(-1);
    assertThat(command.flags.portFile).isNull();
  }

  @Test
  void options_round_trip_through_their_command_line_arguments() {
    ConsumerOptions options =
        ConsumerOptions.builder()
            .concurrency(7)
            .prefetch(3)
            .visibility(Duration.ofSeconds(45))
            .maxDequeue(2)
            .retry(Duration.ofMillis(250), Duration.ofMinutes(2))
            .drainTimeout(Duration.ofMillis(1500))
            .maxIdlePoll(Duration.ofMillis(20))
            .writeBatch(11)
            .writeLinger(Duration.ZERO)
            .untilEmpty(true)
            .maxMessages(99)
            .processingTimeout(Duration.ofHours(2))
            .build();

    ConsumeCommand consume = consume(options.toArgs());
    JobCommand job = job(options.toArgs());
    ConsumerOptions notUntilEmpty = options.toBuilder().untilEmpty(false).build();
    JobCommand jobNotUntilEmpty = job(notUntilEmpty.toArgs());

    assertThat(consume.flags.options(consume.untilEmpty)).isEqualTo(options);
    assertThat(job.flags.options(job.untilEmpty)).isEqualTo(options);
    assertThat(jobNotUntilEmpty.flags.options(jobNotUntilEmpty.untilEmpty))
        .isEqualTo(notUntilEmpty);
    assertThat(consume(ConsumerOptions.defaults().toArgs()).flags.options(false))
        .isEqualTo(ConsumerOptions.defaults());
  }

  @Test
  void a_prefetch_given_alone_is_kept_fixed_and_with_a_ceiling_it_may_grow_to_that() {
    ConsumerOptions defaults = consume(List.of()).flags.options(false);
    ConsumerOptions fixed = consume(List.of("--prefetch", "0")).flags.options(false);
    ConsumerOptions ceiling =
        consume(List.of("--prefetch", "8", "--max-prefetch", "64")).flags.options(false);
    ConsumerOptions ceilingOnly = consume(List.of("--max-prefetch", "2000")).flags.options(false);

    assertThat(defaults.prefetch()).isEqualTo(ConsumerOptions.DEFAULT_PREFETCH);
    assertThat(defaults.maxPrefetch()).isEqualTo(ConsumerOptions.DEFAULT_MAX_PREFETCH);
    assertThat(fixed.prefetch()).isZero();
    assertThat(fixed.maxPrefetch()).isZero();
    assertThat(ceiling.prefetch()).isEqualTo(8);
    assertThat(ceiling.maxPrefetch()).isEqualTo(64);
    assertThat(ceilingOnly.prefetch()).isEqualTo(ConsumerOptions.DEFAULT_PREFETCH);
    assertThat(ceilingOnly.maxPrefetch()).isEqualTo(2000);
  }

  @Test
  void help_shows_the_defaults_of_the_options_record_in_flag_form() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ConsumeCommand());
    cli.usage(new PrintWriter(out));

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("Default: " + ConsumerOptions.DEFAULT_CONCURRENCY + ".")
        .contains("Default: 30s.")
        .contains(
            "--drain-timeout=<drainTimeout> How long a drain waits for running messages. Default: 25s.")
        .contains("Default: 5m.");
  }

  @Test
  void an_invalid_value_is_refused_when_the_options_are_built() {
    ConsumeCommand command = consume(List.of("--processing-timeout", "0s"));

    assertThatThrownBy(() -> command.flags.options(false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("processingTimeout");
  }

  @Test
  void a_duration_flag_takes_the_shared_forms_and_an_unreadable_one_names_them() {
    assertThat(consume(List.of("--visibility", "1.5m")).flags.options(false).visibility())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(consume(List.of("--visibility", "PT45S")).flags.options(false).visibility())
        .isEqualTo(Duration.ofSeconds(45));

    assertThatThrownBy(() -> consume(List.of("--visibility", "soon")))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'soon' is not a duration: write 500ms, 30s, 5m, 2h or PT30S");
  }
}
