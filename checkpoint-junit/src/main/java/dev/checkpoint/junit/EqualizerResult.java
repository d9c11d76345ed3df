package dev.checkpoint.junit;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * What an {@link Equalizer} found: how many recorded calls it played, how many were equal,
 * different or failed, and the calls that were different or failed, in the order they were played.
 */
public final class EqualizerResult {

  /** How many differences {@link #assertAllEqual()} lists. */
  public static final int LISTED_DIFFERENCES = 5;

  /** One call that was different, or whose player threw. */
  public static final class Difference {

    private final RecordedCall call;
    private final String message;
    private final Exception error;

    private Difference(RecordedCall call, String message, Exception error) {
      this.call = call;
      this.message = message;
      this.error = error;
    }

    static Difference different(RecordedCall call, String message) {
      return new Difference(call, message, null);
    }

    static Difference error(RecordedCall call, Exception error) {
      return new Difference(call, "threw " + error, error);
    }

    /**
     * The recorded call: its asset, position and key.
     *
     * @return the call
     */
    public RecordedCall call() {
      return call;
    }

    /**
     * How the results differ, as the comparator said; or what the player threw, as {@code threw
     * <exception>}.
     *
     * @return the message
     */
    public String message() {
      return message;
    }

    /**
     * What the player threw.
     *
     * @return the exception; empty when the call was played and compared different
     */
    public Optional<Exception> error() {
      return Optional.ofNullable(error);
    }

    /**
     * The call, its key, whether it was different or failed, and the message, such as {@code
     * payments/authorize.json #1 (payments/METHOD/PaymentService.authorize#0) different:} followed
     * by the message on the next lines.
     */
    @Override
    public String toString() {
      return call
          + " ("
          + call.key()
          + ") "
          + (error == null ? "different" : "error")
          + ":\n"
          + message;
    }
  }

  private final List<RecordedCall> calls;
  private final List<Difference> differences;

  EqualizerResult(List<RecordedCall> calls, List<Difference> differences) {
    this.calls = List.copyOf(calls);
    this.differences = List.copyOf(differences);
  }

  /**
   * How many recorded calls were played.
   *
   * @return the count
   */
  public int total() {
    return calls.size();
  }

  /**
   * How many calls were equal.
   *
   * @return the count
   */
  public int equal() {
    return total() - differences.size();
  }

  /**
   * How many calls were played and compared different.
   *
   * @return the count
   */
  public int different() {
    return differences.size() - errors();
  }

  /**
   * How many calls threw.
   *
   * @return the count
   */
  public int errors() {
    return (int) differences.stream().filter(d -> d.error().isPresent()).count();
  }

  /**
   * The calls that were different or threw, in the order they were played.
   *
   * @return the differences; empty when every call was equal
   */
  public List<Difference> differences() {
    return differences;
  }

  /**
   * Whether every call was equal.
   *
   * @return true when there is no difference and no error
   */
  public boolean allEqual() {
    return differences.isEmpty();
  }

  /**
   * Asserts that every call was equal, listing the first {@value #LISTED_DIFFERENCES} differences.
   *
   * @throws AssertionFailedError when a call was different or threw
   */
  public void assertAllEqual() {
    assertAllEqual(LISTED_DIFFERENCES);
  }

  /**
   * Asserts that every call was equal. The failure's message is the {@linkplain #toString()
   * summary} and the first differences; its cause is the first listed call's exception, if one
   * threw.
   *
   * @param listed how many differences to list, at least 1
   * @throws AssertionFailedError when a call was different or threw
   */
  public void assertAllEqual(int listed) {
    if (listed < 1) {
      throw new IllegalArgumentException(
          "Listing " + listed + " differences would hide why the assertion failed; list 1 or more");
    }
    if (allEqual()) {
      return;
    }
    List<Difference> shown = differences.subList(0, Math.min(listed, differences.size()));
    StringBuilder message = new StringBuilder(toString());
    shown.forEach(difference -> message.append('\n').append(difference));
    if (differences.size() > shown.size()) {
      message.append("\n... and ").append(differences.size() - shown.size()).append(" more");
    }
    Throwable cause =
        shown.stream().map(Difference::error).flatMap(Optional::stream).findFirst().orElse(null);
    throw new AssertionFailedError(message.toString(), cause);
  }

  /**
   * The counts, such as {@code 2 recorded calls of PaymentService.authorize: 1 equal, 1 different,
   * 0 errors}.
   */
  @Override
  public String toString() {
    String names =
        calls.stream()
            .map(call -> call.checkpoint().name())
            .distinct()
            .collect(Collectors.joining(", "));
    return total()
        + (total() == 1 ? " recorded call of " : " recorded calls of ")
        + names
        + ": "
        + equal()
        + " equal, "
        + different()
        + " different, "
        + errors()
        + (errors() == 1 ? " error" : " errors");
  }
}
