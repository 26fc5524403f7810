package dev.edw.cli.faults;

import dev.edw.core.backend.Backends;
import dev.edw.testkit.fault.FaultKind;
import dev.edw.testkit.fault.FaultOptions;
import java.time.Duration;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The pipeline under faults, once per backend: a subclass names the queue and table and how many
 * messages its backend moves within seconds. Every call of producer, consumers and table may throw
 * an unmapped exception, fail retryably, time out after doing its work, answer in part, or stall.
 */
abstract class PipelineUnderFaultsContract {
  /** Log lines a second above which the run counts as a log storm. */
  static final int MAX_LOG_LINES_PER_SECOND = 50;

  protected abstract Backends backends();

  protected abstract String queueUri();

  protected abstract String tableUri();

  protected abstract int messages();

  protected Duration bound() {
    return Duration.ofSeconds(90);
  }

  protected FaultOptions faults() {
    return FaultOptions.DEFAULTS;
  }

  @Test
  void every_message_makes_exactly_one_row_nothing_is_poisoned_and_the_logs_stay_calm()
      throws Exception {
    FaultyPipeline.Outcome o =
        FaultyPipeline.run(backends(), queueUri(), tableUri(), messages(), faults(), bound());

    // every check is reported, not just the first to fail, so that one failed run tells whether
    // a missing row is still in the queue, poisoned or gone
    SoftAssertions soft = new SoftAssertions();
    for (FaultKind kind : FaultKind.values()) {
      soft.assertThat(o.consumerFaults().injected(kind))
          .as("%s faults injected", kind)
          .isPositive();
    }
    soft.assertThat(o.producerFaults().injectedTotal())
        .as("faults injected into the producer")
        .isPositive();
    soft.assertThat(o.missing()).as("sent messages without a row").isEmpty();
    soft.assertThat(o.foreign()).as("rows of no sent message").isEmpty();
    soft.assertThat(o.rows()).isEqualTo(messages());
    soft.assertThat(o.inTime()).as("finished within " + bound()).isTrue();
    soft.assertThat(o.leftInQueue()).as("messages left in the queue").isZero();
    soft.assertThat(o.poisoned()).as("messages poisoned although none failed for real").isZero();
    soft.assertThat(o.allReady()).as("both consumers ready at the end").isTrue();
    soft.assertThat(o.drained()).as("both consumers drained").isTrue();
    soft.assertThat(o.maxLogLinesPerSecond())
        .as("most log lines in one second (%d in all)", o.logLines())
        .isLessThanOrEqualTo(MAX_LOG_LINES_PER_SECOND);
    soft.assertAll();
  }
}
