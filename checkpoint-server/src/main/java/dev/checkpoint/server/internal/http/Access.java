package dev.checkpoint.server.internal.http;

/** Who may call an endpoint when tokens are configured. */
enum Access {
  /** Anyone: health, metrics and the API description. */
  PUBLIC,
  /** Holders of a read token. */
  READ,
  /** Holders of an ingest token. */
  INGEST
}
