package dev.checkpoint.server.internal.ingest;

import java.io.IOException;

/**
 * A request body, or its decompressed form, exceeds its limit. An IOException so that it passes
 * unchanged through the JSON parser and the gzip stream reading from a {@link LimitedInputStream}.
 */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  BodyTooLargeException(String message) {
    super(message);
  }
}
