package dev.checkpoint.server.testing.chromium;

import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium as the web UI's tests and the UI benchmark drive it: one set of
 * options, so that what the tests check and what the benchmark measures is the same browser.
 * Published in checkpoint-server's test-jar, which holds this package only.
 */
public final class HeadlessChromium {

  /** Debian's Chromium. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** Debian's driver for it. */
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /**
   * The options: headless, sandbox and GPU off, a 1440x900 window, and downloads without a prompt.
   *
   * @param profile the user data directory, fresh for each browser
   * @return options the caller may add to
   */
  public static ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--window-size=1440,900",
        "--user-data-dir=" + profile);
    return options;
  }

  /**
   * Starts the browser through {@link #CHROMEDRIVER} on a free port.
   *
   * @param options the options, from {@link #options(Path)}
   * @return the driver
   */
  public static ChromeDriver start(ChromeOptions options) {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }
}
