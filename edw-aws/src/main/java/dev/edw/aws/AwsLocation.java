package dev.edw.aws;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Where an AWS resource lives: its region and, for local emulators and VPC endpoints, the endpoint
 * to call instead of the public one.
 *
 * @param region the AWS region
 * @param endpoint an endpoint override, or empty for the service's public endpoint
 */
record AwsLocation(Region region, Optional<URI> endpoint) {
  static final String ENDPOINT_PARAM = "endpoint";
  static final String REGION_PARAM = "region";

  AwsLocation {
    java.util.Objects.requireNonNull(region, "'region' cannot be null.");
    java.util.Objects.requireNonNull(endpoint, "'endpoint' cannot be null.");
  }

  /**
   * The region: {@code ?region=}, else {@code fromUri} (the {@code //REGION} of the URI or the
   * region of a queue URL's host), else AWS_REGION, else AWS_DEFAULT_REGION.
   */
  static Region region(ResourceUri uri, Optional<String> fromUri, BackendContext context) {
    return uri.param(REGION_PARAM)
        .or(() -> fromUri)
        .or(() -> context.envVar("AWS_REGION"))
        .or(() -> context.envVar("AWS_DEFAULT_REGION"))
        .map(AwsLocation::checkRegion)
        .map(Region::of)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "'"
                        + uri
                        + "' names no AWS region: write the region after the scheme (sqs://"
                        + "us-east-1/NAME), add ?region=, or set AWS_REGION"));
  }

  /**
   * The endpoint: {@code ?endpoint=}, else the service's AWS_ENDPOINT_URL_&lt;SERVICE&gt;, else
   * AWS_ENDPOINT_URL (the SDK's own variable names), else none.
   */
  static Optional<URI> endpoint(ResourceUri uri, String serviceEnvSuffix, BackendContext context) {
    return uri.param(ENDPOINT_PARAM)
        .or(() -> context.envVar("AWS_ENDPOINT_URL_" + serviceEnvSuffix))
        .or(() -> context.envVar("AWS_ENDPOINT_URL"))
        .map(text -> parseEndpoint(uri, text));
  }

  private static String checkRegion(String region) {
    if (!region.matches("[a-z0-9-]+")) {
      throw new InvalidInputException(
          "'" + region + "' is not an AWS region name such as us-east-1");
    }
    return region;
  }

  private static URI parseEndpoint(ResourceUri uri, String text) {
    try {
      URI endpoint = URI.create(text);
      if (endpoint.getScheme() == null || endpoint.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return endpoint;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "'" + uri + "': the endpoint must be a URL such as http://127.0.0.1:9324", e);
    }
  }
}
