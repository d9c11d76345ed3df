package dev.checkpoint.assets;

import dev.checkpoint.assets.internal.Glob;
import dev.checkpoint.assets.internal.PathPattern;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured normalisation rule: values at matching places are marked as noise with a placeholder
 * (the value stays; comparisons see the placeholder), or kept exactly as recorded (exempt from the
 * {@linkplain Detector detectors}).
 *
 * <p>Places are matched in one of two ways:
 *
 * <ul>
 *   <li>A <em>path</em> pattern is a JSON Pointer from the checkpoint (such as {@code
 *       /output/body/token}) where {@code *} inside a segment matches any characters of one field
 *       name or array index and a segment {@code **} matches any number of segments: <code>
 *       /input/body/items/*&#47;price</code>, <code>/**&#47;createdAt</code>, {@code
 *       /input/headers/x-*}. {@code ~1} and {@code ~0} stand for {@code /} and {@code ~}. Path
 *       patterns are case-sensitive.
 *   <li>A <em>key</em> pattern is a glob on a field name anywhere ({@code *Token}, {@code
 *       session?d}): {@code *} matches any characters, {@code ?} one. Key patterns ignore case, as
 *       HTTP header names do.
 * </ul>
 *
 * A matching value is marked whole, objects and arrays included.
 */
public final class NormalisationRule {

  /** What a rule's pattern is matched against. */
  public enum Target {
    /** The JSON Pointer path of a value. */
    PATH,
    /** The name of the field holding a value. */
    KEY
  }

  private final Target target;
  private final String pattern;
  private final String placeholder;
  private final PathPattern path;
  private final Glob key;

  private NormalisationRule(Target target, String pattern, String placeholder) {
    this.target = target;
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.placeholder = placeholder;
    this.path = target == Target.PATH ? PathPattern.parse(pattern) : null;
    this.key = target == Target.KEY ? Glob.compile(pattern, true) : null;
  }

  /**
   * Marks values at matching paths as noise.
   *
   * @param pathPattern a path pattern such as <code>/output/body/**&#47;token</code>
   * @param placeholder the text that stands for the values, such as {@code "<token>"}
   * @return the rule
   * @throws IllegalArgumentException when the pattern does not start with {@code /}
   */
  public static NormalisationRule replacePath(String pathPattern, String placeholder) {
    return new NormalisationRule(
        Target.PATH, pathPattern, Objects.requireNonNull(placeholder, "placeholder"));
  }

  /**
   * Marks the values of fields whose name matches as noise.
   *
   * @param keyPattern a glob on field names such as {@code *Token}
   * @param placeholder the text that stands for the values
   * @return the rule
   */
  public static NormalisationRule replaceKey(String keyPattern, String placeholder) {
    return new NormalisationRule(
        Target.KEY, keyPattern, Objects.requireNonNull(placeholder, "placeholder"));
  }

  /**
   * Keeps values at matching paths as recorded, whatever the detectors think of them.
   *
   * @param pathPattern a path pattern such as {@code /input/productId}
   * @return the rule
   * @throws IllegalArgumentException when the pattern does not start with {@code /}
   */
  public static NormalisationRule keepPath(String pathPattern) {
    return new NormalisationRule(Target.PATH, pathPattern, null);
  }

  /**
   * Keeps the values of fields whose name matches as recorded.
   *
   * @param keyPattern a glob on field names such as {@code sku}
   * @return the rule
   */
  public static NormalisationRule keepKey(String keyPattern) {
    return new NormalisationRule(Target.KEY, keyPattern, null);
  }

  /**
   * What the pattern is matched against.
   *
   * @return path or key
   */
  public Target target() {
    return target;
  }

  /**
   * The pattern as given.
   *
   * @return the pattern
   */
  public String pattern() {
    return pattern;
  }

  /**
   * The replacement.
   *
   * @return the placeholder; empty for a rule that keeps values
   */
  public Optional<String> placeholder() {
    return Optional.ofNullable(placeholder);
  }

  /**
   * Whether the rule applies to a value.
   *
   * @param path the path from the checkpoint: field names and array indices
   * @param key the name of the field holding the value (for array elements, holding the array)
   * @return whether the rule matches
   */
  public boolean matches(List<String> path, String key) {
    return target == Target.PATH ? this.path.matches(path) : key != null && this.key.matches(key);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NormalisationRule that
        && target == that.target
        && pattern.equals(that.pattern)
        && Objects.equals(placeholder, that.placeholder);
  }

  @Override
  public int hashCode() {
    return Objects.hash(target, pattern, placeholder);
  }

  @Override
  public String toString() {
    return (placeholder == null ? "keep " : "replace ")
        + target.name().toLowerCase(Locale.ROOT)
        + " "
        + pattern
        + (placeholder == null ? "" : " with " + placeholder);
  }
}
