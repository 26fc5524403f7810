package dev.edw.workloads.image;

import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.processor.ProcessorFactory;

/**
 * {@code --processor resize-image}: the message names a PNG or JPEG blob; the resized image is
 * written as {@code processed_NAME} in the same format. Options: {@code width}, {@code height}
 * (default 256 x 256), {@code keepAspect=true|false} (default false), {@code prefix}, {@code
 * jpegQuality}; see {@link ResizeOptions}.
 */
public final class ResizeImageFactory implements ProcessorFactory {
  public static final String NAME = "resize-image";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "resize a PNG or JPEG blob to 256x256 (options width, height, keepAspect), written as"
        + " processed_NAME (needs --blobs)";
  }

  @Override
  public java.util.Map<String, String> options() {
    return ResizeOptions.DESCRIPTIONS;
  }

  @Override
  public Processor create(ProcessorContext context) {
    ResizeOptions options = ResizeOptions.from(context);
    return new ResizeImageProcessor(context.requireBlobs(NAME), options);
  }
}
