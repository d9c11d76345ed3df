package dev.checkpoint;

import java.util.Optional;

/**
 * What sort of call a checkpoint records. The one list of kinds: the recorder, the server's
 * ingestion, the scenario runner, the assets and the UI all read it from here.
 */
public enum Kind {
  /** An HTTP request received by the service. */
  HTTP_SERVER,
  /** An HTTP request sent by the service. */
  HTTP_CLIENT,
  /** A SQL statement executed through JDBC. */
  SQL,
  /** An internal method call, from {@link Checkpoint} or {@link Checkpoints#record}. */
  METHOD,
  /** A message published to a broker. */
  MESSAGE_PUBLISH,
  /** A message consumed from a broker. */
  MESSAGE_CONSUME,
  /** A key-value store command, such as a Redis {@code GET}. */
  CACHE;

  /**
   * What a valid kind looks like, worded to follow "must be" in an error message: {@code
   * "checkpoints[3].kind must be " + Kind.RULE}.
   */
  public static final String RULE = "one of " + names();

  /**
   * The kind with this exact name.
   *
   * @param name the candidate, such as {@code "HTTP_SERVER"}; may be {@code null}
   * @return the kind, or empty when the name is not one (names are case-sensitive)
   */
  public static Optional<Kind> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (Kind kind : values()) {
      if (kind.name().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  private static String names() {
    StringBuilder names = new StringBuilder();
    for (Kind kind : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(kind.name());
    }
    return names.toString();
  }
}
