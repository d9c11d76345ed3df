package dev.checkpoint;

/** What sort of call a checkpoint records. */
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
  MESSAGE_CONSUME
}
