package dev.checkpoint.cli.scenario;

import java.util.List;

/**
 * A scenario file that cannot be used. Lists every problem found, each with file, line and column,
 * what is wrong and how to fix it, so one edit can fix them all.
 */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems one message per problem, each starting with {@code file:line:column:}
   */
  public ScenarioException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * The problems.
   *
   * @return one message per problem
   */
  public List<String> problems() {
    return problems;
  }
}
