package dev.checkpoint.spi;

import java.util.Objects;

/** What a replayed dependency call gives its caller: the recorded return value or exception. */
public final class ReplayedOutcome {

  private final Object value;
  private final Throwable error;

  private ReplayedOutcome(Object value, Throwable error) {
    this.value = value;
    this.error = error;
  }

  /**
   * A call that returned.
   *
   * @param value the recorded return value, may be {@code null}
   * @return the outcome
   */
  public static ReplayedOutcome returning(Object value) {
    return new ReplayedOutcome(value, null);
  }

  /**
   * A call that threw.
   *
   * @param error the exception to throw
   * @return the outcome
   */
  public static ReplayedOutcome throwing(Throwable error) {
    return new ReplayedOutcome(null, Objects.requireNonNull(error, "error"));
  }

  /**
   * Gives the outcome to the caller.
   *
   * @return the recorded return value
   * @throws Throwable the recorded exception
   */
  public Object get() throws Throwable {
    if (error != null) {
      throw error;
    }
    return value;
  }
}
