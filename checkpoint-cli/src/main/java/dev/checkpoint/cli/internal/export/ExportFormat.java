package dev.checkpoint.cli.internal.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code checkpoint export} asks the server's {@code GET /api/v1/export} for. A format is the
 * server's {@code format} parameter: the server renders it, as one file or a zip of several, and
 * the command writes what comes; adding a format is adding it here and to the server.
 */
public enum ExportFormat {
  /** Test assets in the canonical asset format, one JSON file per tree. */
  ASSETS,
  /** Pact V4 files, one per consumer–provider pair. */
  PACT,
  /** WireMock stub mappings, one file per calling service. */
  WIREMOCK;

  /**
   * The name on the command line and in the API.
   *
   * @return the lower-case name, such as {@code assets}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format of a name.
   *
   * @param id a name such as {@code assets}
   * @return the format
   * @throws IllegalArgumentException naming the formats there are
   */
  public static ExportFormat of(String id) {
    for (ExportFormat format : values()) {
      if (format.id().equalsIgnoreCase(id)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "--format " + id + " is not a format; the formats are: " + names() + ".");
  }

  /**
   * Every format's name.
   *
   * @return the names, comma-separated
   */
  public static String names() {
    return Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "));
  }
}
