package dev.checkpoint.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where assets live on disk: {@code <root>/<scenario>/<step>.json}, by default under {@code
 * src/test/resources/checkpoints}, so that tests find them on the class path under {@code
 * checkpoints/}.
 *
 * <p>Scenario and step names become safe file names: lower case, every run of characters other than
 * {@code a-z}, {@code 0-9}, {@code .}, {@code _} and {@code -} replaced by one {@code -}, without
 * leading or trailing {@code -} and {@code .}; {@code "Checkout: pay by card"} becomes {@code
 * checkout-pay-by-card}. Lower case keeps two names from colliding on case-insensitive file
 * systems. Names longer than 80 characters are cut and end with a short hash of the full name,
 * names reserved on Windows ({@code con}, {@code nul}, ...) get a leading {@code _}. Accents are
 * dropped ({@code für} becomes {@code fur}).
 */
public final class AssetLayout {

  /** The default root, relative to a Maven or Gradle module. */
  public static final Path DEFAULT_ROOT = Path.of("src", "test", "resources", "checkpoints");

  private static final int MAX_NAME = 80;

  private static final Set<String> RESERVED =
      Set.of(
          "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
          "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

  private final Path root;

  private AssetLayout(Path root) {
    this.root = root;
  }

  /**
   * The layout under {@link #DEFAULT_ROOT}, relative to the working directory.
   *
   * @return the default layout
   */
  public static AssetLayout defaults() {
    return new AssetLayout(DEFAULT_ROOT);
  }

  /**
   * A layout under another root directory.
   *
   * @param root the directory that holds one directory per scenario
   * @return the layout
   */
  public static AssetLayout at(Path root) {
    return new AssetLayout(Objects.requireNonNull(root, "root"));
  }

  /**
   * The root directory.
   *
   * @return the root
   */
  public Path root() {
    return root;
  }

  /**
   * The file of one scenario step.
   *
   * @param scenario the scenario name, such as {@code Checkout}
   * @param step the step name, such as {@code pay by card}
   * @return {@code <root>/<safe scenario>/<safe step>.json}
   * @throws IllegalArgumentException when a name has no letter or digit to build a file name from
   */
  public Path path(String scenario, String step) {
    return root.resolve(fileName(scenario, "scenario")).resolve(fileName(step, "step") + ".json");
  }

  /**
   * Every asset file under the root, in name order.
   *
   * @return the {@code .json} files, none when the root does not exist
   * @throws IOException when the directory cannot be listed
   */
  public List<Path> assets() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(file -> Files.isRegularFile(file) && file.toString().endsWith(".json"))
          .sorted()
          .toList();
    }
  }

  /**
   * The safe file name for a scenario or step name, as described in the class documentation.
   *
   * @param name the name
   * @return the file name, without extension
   * @throws IllegalArgumentException when the name has no letter or digit to build a file name
   */
  public static String fileName(String name) {
    return fileName(name, "name");
  }

  private static String fileName(String name, String what) {
    Objects.requireNonNull(name, what);
    String safe =
        Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9._-]+", "-")
            .replaceAll("^[-.]+|[-.]+$", "");
    if (safe.chars().noneMatch(Character::isLetterOrDigit)) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " '"
              + name
              + "' has no letter or digit to make a file name from. Name it with words, such as"
              + " 'checkout' or 'pay by card'.");
    }
    if (safe.length() > MAX_NAME) {
      safe = safe.substring(0, MAX_NAME - 9).replaceAll("[-.]+$", "") + "-" + shortHash(name);
    }
    if (RESERVED.contains(safe.split("\\.", 2)[0])) {
      safe = "_" + safe;
    }
    return safe;
  }

  private static String shortHash(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "AssetLayout[" + root + "]";
  }
}
