package dev.edw.aws;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code sqs} URI resolved against the environment.
 *
 * <ul>
 *   <li>{@code sqs://REGION/NAME} or {@code sqs:NAME} (region from AWS_REGION): the queue is looked
 *       up by name (GetQueueUrl), unless SQS_QUEUE_URL is the URL of a queue of that very name.
 *   <li>{@code sqs:https://sqs.REGION.amazonaws.com/ACCOUNT/NAME}: a full queue URL; the region
 *       comes from the host. A URL whose host is not AWS's (an emulator) is also the endpoint.
 *   <li>{@code sqs:SQS_QUEUE_URL}: the queue whose full URL is in the variable SQS_QUEUE_URL.
 * </ul>
 *
 * <p>Any form takes {@code ?endpoint=URL} and {@code ?region=}.
 *
 * @param uri the URI, with {@code sqs:SQS_QUEUE_URL} replaced by the URL it stands for
 * @param name the queue's name
 * @param location the region and endpoint to call
 * @param queueUrl the queue's URL when known without asking SQS
 */
record SqsAddress(ResourceUri uri, String name, AwsLocation location, Optional<String> queueUrl) {
  /** The queue name that stands for the queue whose URL is in this environment variable. */
  static final String QUEUE_URL_VARIABLE = "SQS_QUEUE_URL";

  private static final Pattern AWS_HOST =
      Pattern.compile("(?:sqs\\.)?([a-z0-9-]+)\\.(?:queue\\.)?amazonaws\\.com(?:\\.cn)?");

  static SqsAddress from(ResourceUri uri, BackendContext context) {
    if (uri.name().equals(QUEUE_URL_VARIABLE)) {
      String url =
          context
              .envVar(QUEUE_URL_VARIABLE)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "'" + uri + "' stands for the queue in SQS_QUEUE_URL, which is not set"));
      return from(fromUrl(url, uri), context);
    }
    String name = SqsNames.check(uri.name());
    String location = uri.location();
    if (isUrl(location)) {
      String url = location + "/" + name;
      URI parsed = parseUrl(url, uri);
      String host = parsed.getHost().toLowerCase(Locale.ROOT);
      Matcher aws = AWS_HOST.matcher(host);
      Optional<String> hostRegion = aws.matches() ? Optional.of(aws.group(1)) : Optional.empty();
      Optional<URI> endpoint = AwsLocation.endpoint(uri, "SQS", context);
      if (endpoint.isEmpty() && !aws.matches()) {
        endpoint = Optional.of(URI.create(parsed.getScheme() + "://" + parsed.getRawAuthority()));
      }
      return new SqsAddress(
          uri,
          name,
          new AwsLocation(AwsLocation.region(uri, hostRegion, context), endpoint),
          Optional.of(url));
    }
    Optional<String> region;
    if (location.isEmpty()) {
      region = Optional.empty();
    } else if (location.startsWith("//") && location.indexOf('/', 2) < 0 && location.length() > 2) {
      region = Optional.of(location.substring(2));
    } else {
      throw new InvalidInputException(
          "'"
              + uri
              + "' is not an SQS URI: write sqs://REGION/NAME, sqs:NAME or sqs:QUEUE_URL,"
              + " e.g. sqs://us-east-1/orders.fifo");
    }
    Optional<String> knownUrl =
        context.envVar(QUEUE_URL_VARIABLE).filter(url -> url.endsWith("/" + name));
    return new SqsAddress(
        uri,
        name,
        new AwsLocation(
            AwsLocation.region(uri, region, context), AwsLocation.endpoint(uri, "SQS", context)),
        knownUrl);
  }

  private static ResourceUri fromUrl(String url, ResourceUri original) {
    if (!isUrl(url) || url.endsWith("/")) {
      throw new InvalidInputException(
          "SQS_QUEUE_URL must be a queue URL such as https://sqs."
              + "us-east-1.amazonaws.com/123456789012/orders");
    }
    int slash = url.lastIndexOf('/');
    return new ResourceUri(
        original.scheme(),
        url.substring(0, slash),
        url.substring(slash + 1),
        original.params(),
        false);
  }

  private static boolean isUrl(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  private static URI parseUrl(String url, ResourceUri uri) {
    try {
      URI parsed = URI.create(url);
      if (parsed.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("'" + uri + "' holds no valid queue URL", e);
    }
  }
}
