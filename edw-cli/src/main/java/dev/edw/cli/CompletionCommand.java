package dev.edw.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code edw completion bash}: prints a completion script for bash (and zsh's bashcompinit). */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script: commands, subcommands and flags.",
      "bash: source <(./edw completion bash), or save it under"
          + " /etc/bash_completion.d/edw. zsh: autoload -U +X bashcompinit && bashcompinit first."
    })
final class CompletionCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "bash or zsh. Default: ${DEFAULT-VALUE}.")
  String shell;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new IllegalArgumentException(
          "no completion for shell '" + shell + "': use bash or zsh");
    }
    CommandLine root = spec.root().commandLine();
    System.out.print(AutoComplete.bash("edw", root));
    return Main.EXIT_OK;
  }
}
