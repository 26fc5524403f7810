package dev.edw.aws;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceUri;
import java.util.Objects;

/**
 * Settings of one SQS queue, read from URI parameters.
 *
 * @param defaultGroupId the FIFO message group of messages sent without one ({@code ?group=})
 */
record SqsOptions(String defaultGroupId) {
  static final String DEFAULT_GROUP_ID = "default";
  static final String GROUP_PARAM = "group";

  SqsOptions {
    Objects.requireNonNull(defaultGroupId, "'defaultGroupId' cannot be null.");
    if (defaultGroupId.isBlank() || defaultGroupId.length() > 128) {
      throw new InvalidInputException(
          "the default message group must be 1 to 128 characters, not '" + defaultGroupId + "'");
    }
  }

  static SqsOptions from(ResourceUri uri) {
    return new SqsOptions(uri.param(GROUP_PARAM).orElse(DEFAULT_GROUP_ID));
  }
}
