package dev.checkpoint.server.internal.trees;

/**
 * What was asked for cannot be read: a tree or run that is not stored, or a selection that makes no
 * sense. The message says what to do; the API and the UI each turn it into their error format.
 */
public final class SelectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the selection cannot be read. */
  public enum Problem {
    /** A tree, run or checkpoint that is not stored. */
    NOT_FOUND,
    /** A malformed id, or a combination of parameters that means nothing. */
    INVALID,
    /** More than the server reads at once: too many checkpoints, payload bytes or levels. */
    TOO_LARGE,
    /** As many large trees are being read as the server allows at once; retry shortly. */
    BUSY
  }

  private final Problem problem;
  private final String parameter;

  SelectionException(Problem problem, String detail, String parameter) {
    super(detail, null, false, false);
    this.problem = problem;
    this.parameter = parameter;
  }

  static SelectionException notFound(String detail) {
    return new SelectionException(Problem.NOT_FOUND, detail, null);
  }

  static SelectionException invalid(String detail, String parameter) {
    return new SelectionException(Problem.INVALID, detail, parameter);
  }

  static SelectionException tooLarge(String detail) {
    return new SelectionException(Problem.TOO_LARGE, detail, null);
  }

  /** Why the selection cannot be read. */
  public Problem problem() {
    return problem;
  }

  /** The query parameter at fault, or null. */
  public String parameter() {
    return parameter;
  }
}
