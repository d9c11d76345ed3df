package dev.checkpoint.server.ui;

import static org.junit.jupiter.api.Assertions.fail;

import dev.checkpoint.server.testing.chromium.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, with a fresh profile and a download folder of its
 * own. Outside CI a machine without Chromium skips the test with a loud reason; with {@code
 * CI=true} it fails it, so that CI cannot pass without the browser tests.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = HeadlessChromium.CHROMIUM;
  static final Path CHROMEDRIVER = HeadlessChromium.CHROMEDRIVER;
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final Path downloads;

  private Browser(ChromeDriver driver, Path profile, Path downloads) {
    this.driver = driver;
    this.profile = profile;
    this.downloads = downloads;
  }

  static Browser start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String reason =
          "The UI tests need Debian's headless Chromium: "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " are missing. Install them with: apt-get update && apt-get install -y chromium"
              + " chromium-driver (scripts/test.sh does).";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true requires Chromium. " + reason);
      }
      System.err.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    try {
      Path profile = Files.createTempDirectory("checkpoint-chromium-");
      Path downloads = Files.createTempDirectory("checkpoint-downloads-");
      ChromeOptions options = HeadlessChromium.options(profile);
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              downloads.toString(),
              "download.prompt_for_download",
              false));
      return new Browser(HeadlessChromium.start(options), profile, downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  Path downloads() {
    return downloads;
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a downloaded file to be complete. */
  Path download(String fileName) {
    Path file = downloads.resolve(fileName);
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .withMessage(() -> "No download " + fileName + " in " + list(downloads))
        .until(
            ignored ->
                Files.isRegularFile(file)
                    && !Files.exists(file.resolveSibling(fileName + ".crdownload")));
    return file;
  }

  private static String list(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).toList().toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
      delete(downloads);
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete " + directory + ": " + e);
    }
  }
}
