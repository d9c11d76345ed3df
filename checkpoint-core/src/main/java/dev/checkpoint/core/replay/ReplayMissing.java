package dev.checkpoint.core.replay;

/** What a call made in replay does when no recorded call matches it. */
public enum ReplayMissing {
  /** It fails, with the error the instrumented client throws, saying what was recorded nearby. */
  FAIL,
  /** It goes to the real dependency, and is recorded as in {@code ON}. */
  CALL_REAL
}
