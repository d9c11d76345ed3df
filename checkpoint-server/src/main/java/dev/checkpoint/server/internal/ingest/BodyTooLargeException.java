package dev.checkpoint.server.internal.ingest;

import java.io.IOException;

/**
 * A request body, or its decompressed form, exceeds its limit. An IOException so that it passes
 * unchanged out of the stream reading the body ({@link LimitedInputStream}).
 */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  BodyTooLargeException(String message) {
    super(message);
  }
}
