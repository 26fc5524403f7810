package dev.edw.cli;

import dev.edw.core.consumer.ConsumerOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the consumer's tuning flags, read from {@link ConsumerOptions#defaults()} through
 * {@link ConsumerOptions#toArgs()}, so that no default is written twice. Options it does not know
 * keep their own {@code defaultValue}.
 */
final class ConsumerDefaults implements IDefaultValueProvider {
  private static final Map<String, String> DEFAULTS = byFlag(ConsumerOptions.defaults().toArgs());

  static Map<String, String> byFlag(List<String> args) {
    Map<String, String> byFlag = new HashMap<>();
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).startsWith("--") && !args.get(i + 1).startsWith("--")) {
        byFlag.put(args.get(i), args.get(i + 1));
        i++;
      }
    }
    return byFlag;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (argSpec instanceof OptionSpec option) {
      return DEFAULTS.get(option.longestName());
    }
    return null;
  }
}
