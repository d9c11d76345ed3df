package dev.checkpoint.assets;

import dev.checkpoint.assets.internal.DiffText;
import java.io.Console;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * Renders diffs for people: as terminal text, optionally in ANSI colours, or as Markdown for pull
 * requests, issues and alerts. Long values are cut to 200 characters, ending with {@code …}.
 *
 * <p>Text, for a tree diff:
 *
 * <pre>
 * 3 differences: 1 added, 1 removed, 1 changed
 * + added    orders/HTTP_SERVER/POST /orders#0 &gt; orders/SQL/insert into audit#0
 * - removed  orders/HTTP_SERVER/POST /orders#0 &gt; orders/SQL/select stock#0
 * ~ changed  orders/HTTP_SERVER/POST /orders#0
 *     ~ /output/status: 201 -&gt; 200
 *     + /output/body/items/1: {"sku":"B"}
 * </pre>
 *
 * A move reads {@code > moved <from> -> <to>}, and a changed checkpoint whose ordinal shifted ends
 * with {@code (was <expected key>)}. A value diff lists the change lines without indent. An empty
 * diff renders as {@code No differences.}
 */
public final class DiffRenderer {

  private DiffRenderer() {}

  /**
   * Renders a tree diff as terminal text.
   *
   * @param diff the diff
   * @param colour whether to use ANSI colours; see {@link #colourSupported()}
   * @return the text, ending with a newline
   */
  public static String text(TreeDiff diff, boolean colour) {
    return DiffText.text(Objects.requireNonNull(diff, "diff"), colour);
  }

  /**
   * Renders a tree diff as terminal text led by where it first diverged: the {@linkplain
   * #text(FirstDivergence, boolean) first divergence} and its cause, a blank line, then the diff.
   *
   * @param diff the diff
   * @param colour whether to use ANSI colours; see {@link #colourSupported()}
   * @return the text, ending with a newline
   */
  public static String textWithFirstDivergence(TreeDiff diff, boolean colour) {
    return FirstDivergence.of(diff).map(first -> text(first, colour) + "\n").orElse("")
        + text(diff, colour);
  }

  /**
   * Renders a tree diff as Markdown led by where it first diverged, as {@link
   * #textWithFirstDivergence} does as text.
   *
   * @param diff the diff
   * @return the Markdown, ending with a newline
   */
  public static String markdownWithFirstDivergence(TreeDiff diff) {
    return FirstDivergence.of(diff).map(first -> markdown(first) + "\n").orElse("")
        + markdown(diff);
  }

  /**
   * Renders a value diff as terminal text.
   *
   * @param diff the diff
   * @param colour whether to use ANSI colours; see {@link #colourSupported()}
   * @return the text, ending with a newline
   */
  public static String text(ValueDiff diff, boolean colour) {
    return DiffText.text(Objects.requireNonNull(diff, "diff"), colour);
  }

  /**
   * Renders a tree diff as Markdown: a summary, a list of checkpoints and a table of the changed
   * fields of each changed checkpoint.
   *
   * @param diff the diff
   * @return the Markdown, ending with a newline
   */
  public static String markdown(TreeDiff diff) {
    return DiffText.markdown(Objects.requireNonNull(diff, "diff"));
  }

  /**
   * Renders where a tree diff first diverged, to print before the diff itself:
   *
   * <pre>
   * First divergence: input of orders/HTTP_SERVER/POST /orders#0 &gt; orders/SQL/INSERT orders#0
   *     ~ /input/parameters/4: 9000 -&gt; 9025
   * Cause: orders/HTTP_SERVER/POST /orders#0
   *     its input is unchanged, but a checkpoint it called received different input
   * 2 later divergences below.
   * </pre>
   *
   * @param first the first divergence, from {@link FirstDivergence#of(TreeDiff)}
   * @param colour whether to use ANSI colours; see {@link #colourSupported()}
   * @return the text, ending with a newline
   */
  public static String text(FirstDivergence first, boolean colour) {
    return DiffText.text(Objects.requireNonNull(first, "first"), colour);
  }

  /**
   * Renders where a tree diff first diverged as Markdown, to put before the diff itself: the
   * divergence, a table of its changed fields, its cause and the number of later divergences.
   *
   * @param first the first divergence, from {@link FirstDivergence#of(TreeDiff)}
   * @return the Markdown, ending with a newline
   */
  public static String markdown(FirstDivergence first) {
    return DiffText.markdown(Objects.requireNonNull(first, "first"));
  }

  /**
   * Renders a value diff as Markdown: a summary and a table of the changes.
   *
   * @param diff the diff
   * @return the Markdown, ending with a newline
   */
  public static String markdown(ValueDiff diff) {
    return DiffText.markdown(Objects.requireNonNull(diff, "diff"));
  }

  /**
   * Whether standard output is a terminal that should get colours: there is a {@link
   * System#console() console} that is a terminal, {@code TERM} is not {@code dumb}, and {@code
   * NO_COLOR} is not set.
   *
   * @return whether to pass {@code colour = true}
   */
  public static boolean colourSupported() {
    if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From Java 22 there is a console even when output is redirected; isTerminal() tells.
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
