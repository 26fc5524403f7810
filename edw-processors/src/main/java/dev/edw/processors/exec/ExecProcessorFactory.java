package dev.edw.processors.exec;

import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;
import java.util.Map;

/**
 * {@code --processor exec -- COMMAND ARGS...}: runs the user's command, in any language, once per
 * message ({@code mode=per-message}) or as long-lived workers speaking JSON lines ({@code
 * mode=persistent}, the default). See docs/processors.md for the protocol.
 */
public final class ExecProcessorFactory implements ProcessorFactory {
  public static final String NAME = "exec";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "run your command (after --) per message or as persistent JSON-lines workers;"
        + " options mode, workers, timeout";
  }

  @Override
  public Map<String, String> options() {
    return ExecOptions.KEYS;
  }

  @Override
  public Processor create(ProcessorContext context) {
    ExecOptions options = ExecOptions.from(context);
    Commands.checkRunnable(options.command());
    return switch (options.mode()) {
      case PER_MESSAGE -> new PerMessageProcessor(options);
      case PERSISTENT -> PersistentProcessor.start(options);
    };
  }
}
