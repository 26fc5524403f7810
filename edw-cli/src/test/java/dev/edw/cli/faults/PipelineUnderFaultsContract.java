package dev.edw.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.core.backend.Backends;
import dev.edw.testkit.fault.FaultKind;
import dev.edw.testkit.fault.FaultOptions;
import java.time.Duration;
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

    for (FaultKind kind : FaultKind.values()) {
      assertThat(o.consumerFaults().injected(kind)).as("%s faults injected", kind).isPositive();
    }
    assertThat(o.producerFaults().injectedTotal())
        .as("faults injected into the producer")
        .isPositive();
    assertThat(o.missing()).as("sent messages without a row").isEmpty();
    assertThat(o.foreign()).as("rows of no sent message").isEmpty();
    assertThat(o.rows()).isEqualTo(messages());
    assertThat(o.inTime()).as("finished within " + bound()).isTrue();
    assertThat(o.leftInQueue()).as("messages left in the queue").isZero();
    assertThat(o.poisoned()).as("messages poisoned although none failed for real").isZero();
    assertThat(o.allReady()).as("both consumers ready at the end").isTrue();
    assertThat(o.drained()).as("both consumers drained").isTrue();
    assertThat(o.maxLogLinesPerSecond())
        .as("most log lines in one second (%d in all)", o.logLines())
        .isLessThanOrEqualTo(MAX_LOG_LINES_PER_SECOND);
  }
}
