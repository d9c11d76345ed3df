package dev.checkpoint.core.propagation;

/** The shape of a run id: what the server, file names and URLs can all carry unescaped. */
public final class RunIds {

  /** Longest run id accepted. */
  public static final int MAX_LENGTH = 128;

  private RunIds() {}

  /**
   * Checks a run id.
   *
   * @param runId the candidate, may be {@code null}
   * @return whether it is 1 to 128 characters of letters, digits, {@code . _ : -}
   */
  public static boolean isValid(String runId) {
    if (runId == null || runId.isEmpty() || runId.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < runId.length(); i++) {
      char c = runId.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && c != '.' && c != '_' && c != ':' && c != '-') {
        return false;
      }
    }
    return true;
  }
}
