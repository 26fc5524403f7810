package dev.edw.cli;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceKind;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.core.copy.CopyKinds;
import dev.edw.core.copy.CopyOptions;
import dev.edw.core.copy.CopyReport;
import dev.edw.core.copy.QueueCopier;
import dev.edw.core.copy.TableCopier;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edw copy SOURCE TARGET}: a queue or a table, between any two backends. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = {
      "Copy a queue or a table from one backend to another (or within one).",
      "Queue: messages are received under a lease, sent to TARGET, and deleted from SOURCE only"
          + " once TARGET accepted them; if TARGET refuses, the unsent messages are released in"
          + " SOURCE and edw exits non-zero. Ends when SOURCE is empty.",
      "Table: every row is read page by page and upserted into TARGET; re-running is safe.",
      "TARGET is created if missing. A summary line ends the run: 'copied N message(s) from X to"
          + " Y' or 'copied N row(s) ...'.",
      "Kind: --kind auto takes the kind of the SOURCE scheme (sqs and azure-queue are queues,"
          + " dynamodb and azure-table are tables); for a scheme with both (sqlite) it takes the"
          + " one that exists, and asks for --kind when a queue and a table of that name both"
          + " exist.",
      "Example: edw copy sqs://us-east-1/orders azure-queue://myaccount/orders"
    })
final class CopyCommand implements Callable<Integer> {
  /** What to copy. */
  enum Kind {
    auto,
    queue,
    table
  }

  @Parameters(index = "0", paramLabel = "SOURCE", description = "Queue or table URI to copy.")
  String source;

  @Parameters(index = "1", paramLabel = "TARGET", description = "Queue or table URI to copy to.")
  String target;

  @Option(
      names = "--kind",
      defaultValue = "auto",
      description = "auto, queue or table. Default: ${DEFAULT-VALUE}.")
  Kind kind;

  @Option(
      names = "--keep-source",
      description =
          "Queue: copy without deleting. Each message is leased until the copy ends, then"
              + " released, so its dequeue count rises by one. Not for ordered (FIFO) queues.")
  boolean keepSource;

  @Option(
      names = "--lease",
      paramLabel = "DURATION",
      description =
          "Lease on each received source message; with --keep-source it must outlast the whole"
              + " copy. Default: 5m.")
  Duration lease = CopyOptions.DEFAULT_LEASE;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    Backends backends = Backends.system();
    ResourceUri from = backends.parse(source);
    ResourceUri to = backends.parse(target);
    if (from.equals(to)) {
      throw new InvalidInputException("SOURCE and TARGET are the same: '" + from + "'");
    }
    ResourceKind what =
        switch (kind) {
          case queue -> ResourceKind.QUEUE;
          case table -> ResourceKind.TABLE;
          case auto -> new CopyKinds(backends).detect(from);
        };
    CopyOptions options = CopyOptions.DEFAULT.withLease(lease).withKeepSource(keepSource);
    CopyReport report =
        what == ResourceKind.QUEUE
            ? copyQueue(backends, from, to, options)
            : copyTable(backends, from, to, options);
    System.out.println(report.summary());
    return Main.EXIT_OK;
  }

  private CopyReport copyQueue(
      Backends backends, ResourceUri from, ResourceUri to, CopyOptions options) {
    try (WorkQueue in = backends.queue(from);
        WorkQueue out = backends.queue(to)) {
      long expected = in.exists() ? in.depth().visible() : 0;
      try (Progress progress = Progress.forTerminal(!noProgress, "copied", expected)) {
        CopyReport report =
            new QueueCopier(options, Clock.systemUTC()).copy(in, out, progress::update);
        progress.finish(report.copied());
        return report;
      }
    }
  }

  private CopyReport copyTable(
      Backends backends, ResourceUri from, ResourceUri to, CopyOptions options) {
    try (ResultTable in = backends.table(from);
        ResultTable out = backends.table(to);
        Progress progress = Progress.forTerminal(!noProgress, "copied", 0)) {
      CopyReport report =
          new TableCopier(options, Clock.systemUTC()).copy(in, out, progress::update);
      progress.finish(report.copied());
      return report;
    }
  }
}
