package dev.edw.cli;

import dev.edw.core.backend.Backends;
import picocli.CommandLine.Option;

/** {@code --table URI}; the seed's AZURE_TABLE_NAME gives the default name. */
final class TableOption {
  static final String DEFAULT_TABLE = "edwresults";

  @Option(
      names = {"-t", "--table"},
      paramLabel = "URI",
      description = "Result table URI or bare name (default: $AZURE_TABLE_NAME, else edwresults).")
  String table;

  String resolve(Backends backends) {
    return resolve(backends, table);
  }

  /** {@code given}, else the default table: the one every command uses when none is named. */
  static String resolve(Backends backends, String given) {
    return given != null
        ? given
        : backends.context().envVar("AZURE_TABLE_NAME").orElse(DEFAULT_TABLE);
  }
}
