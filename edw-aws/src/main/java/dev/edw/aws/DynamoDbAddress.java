package dev.edw.aws;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code dynamodb} URI resolved against the environment: {@code dynamodb://REGION/TABLE}, {@code
 * dynamodb:TABLE} (region from AWS_REGION), or {@code dynamodb:DYNAMODB_TABLE} for the table named
 * in the variable DYNAMODB_TABLE. Each takes {@code ?endpoint=URL} and {@code ?region=}.
 *
 * @param uri the URI, with {@code DYNAMODB_TABLE} replaced by the table's name
 * @param table the table's name
 * @param location the region and endpoint to call
 */
record DynamoDbAddress(ResourceUri uri, String table, AwsLocation location) {
  /** The table name that stands for the table named in this environment variable. */
  static final String TABLE_VARIABLE = "DYNAMODB_TABLE";

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  static DynamoDbAddress from(ResourceUri uri, BackendContext context) {
    ResourceUri resolved = uri;
    if (uri.name().equals(TABLE_VARIABLE)) {
      String table =
          context
              .envVar(TABLE_VARIABLE)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "'"
                              + uri
                              + "' stands for the table in DYNAMODB_TABLE, which is not set"));
      resolved = uri.withName(table.strip());
    }
    String table = resolved.name();
    if (!TABLE_NAME.matcher(table).matches()) {
      throw new InvalidInputException(
          "'"
              + table
              + "' is not a DynamoDB table name: use 3 to 255 letters, digits, '_', '-' and '.'");
    }
    String location = resolved.location();
    Optional<String> region;
    if (location.isEmpty()) {
      region = Optional.empty();
    } else if (location.startsWith("//") && location.indexOf('/', 2) < 0 && location.length() > 2) {
      region = Optional.of(location.substring(2));
    } else {
      throw new InvalidInputException(
          "'"
              + uri
              + "' is not a DynamoDB URI: write dynamodb://REGION/TABLE or dynamodb:TABLE,"
              + " e.g. dynamodb://us-east-1/results");
    }
    return new DynamoDbAddress(
        resolved,
        table,
        new AwsLocation(
            AwsLocation.region(resolved, region, context),
            AwsLocation.endpoint(resolved, "DYNAMODB", context)));
  }
}
