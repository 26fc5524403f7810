package dev.edw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import dev.edw.core.backend.Backends;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edw table ...}. */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    description = "Inspect a result table. URI defaults to $AZURE_TABLE_NAME, else edwresults.",
    subcommands = {TableCommand.Count.class, TableCommand.Query.class})
final class TableCommand implements Callable<Integer> {
  static final String URI_HELP =
      "Table URI or bare name (default: $AZURE_TABLE_NAME, else "
          + TableOption.DEFAULT_TABLE
          + ").";

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return Main.missingSubcommand(spec);
  }

  @Command(
      name = "count",
      mixinStandardHelpOptions = true,
      description = "Print the number of rows.")
  static final class Count implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = URI_HELP)
    String uri;

    @Override
    public Integer call() {
      Backends backends = Backends.system();
      try (ResultTable table = backends.existingTable(TableOption.resolve(backends, uri))) {
        System.out.println(table.count());
      }
      return Main.EXIT_OK;
    }
  }

  @Command(
      name = "query",
      mixinStandardHelpOptions = true,
      description = "Print rows as JSON lines, in key order.")
  static final class Query implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = URI_HELP)
    String uri;

    @Option(names = "--partition", description = "Only this PartitionKey.")
    String partition;

    @Option(
        names = {"-n", "--limit"},
        defaultValue = "100",
        description = "At most this many. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
      ObjectMapper json = new ObjectMapper();
      Backends backends = Backends.system();
      try (ResultTable table = backends.existingTable(TableOption.resolve(backends, uri))) {
        for (Entity e : table.query(new TableQuery(partition, limit))) {
          ObjectNode node = json.createObjectNode();
          node.put("PartitionKey", e.partitionKey());
          node.put("RowKey", e.rowKey());
          for (Map.Entry<String, Object> p : e.properties().entrySet()) {
            node.set(p.getKey(), json.valueToTree(p.getValue()));
          }
          System.out.println(node);
        }
      }
      return Main.EXIT_OK;
    }
  }
}
