package dev.checkpoint.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A replay run beside the run it replays, in headless Chromium: payments replayed alone from a
 * recorded checkout (shop, payments, mailer), once unchanged and once answering differently. The
 * replay run's page links the recorded run and opens the comparison of the two, in which the
 * recorded trees are cut to payments' part, as {@code checkpoint replay} compared them.
 */
class ReplayRunUiTest {
  private static final String EQUAL_TRACE = "3c4d5e6f708192a3b4c5d6e7f8091a2b";
  private static final String DIFFERENT_TRACE = "4d5e6f708192a3b4c5d6e7f8091a2b3c";

  @TempDir static Path data;
  private static CheckpointServer server;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void record() {
    server = CheckpointServer.start(TestServers.sqlite(data).build());
    base = "http://127.0.0.1:" + server.port();
    Recordings recordings = new Recordings(new Http(server.port()));
    recordings.run("nightly-1", "nightly checkout", "a1b2c3d");
    recordings.checkout("nightly-1", Recordings.CHECKOUT_A, "AUTHORIZED", false);
    recordings.orderLookup("nightly-1", Recordings.ORDER_LOOKUP_A);
    recordings.replayRun("replay-payments-1", "nightly-1", "payments");
    recordings.paymentsReplayed("replay-payments-1", EQUAL_TRACE, "AUTHORIZED");
    recordings.replayRun("replay-payments-2", "nightly-1", "payments");
    recordings.paymentsReplayed("replay-payments-2", DIFFERENT_TRACE, "DECLINED");
    recordings.replayRun("replay-of-assets", "assets/checkout", "payments");
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anUnchangedReplayComparesWithoutDifferencesWithTheServicesPartOfTheRecordedRun() {
    ChromeDriver driver = browser.driver();

    driver.get(base + "/ui/runs/replay-payments-1");
    assertThat(driver.findElement(By.id("replays")).getText()).isEqualTo("nightly-1");
    assertThat(driver.findElement(By.id("replays")).getAttribute("href"))
        .isEqualTo(base + "/ui/runs/nightly-1");
    driver.findElement(By.id("compare-replayed")).click();
    arrivedAt("/ui/compare?run=nightly-1&run=replay-payments-1");

    assertThat(driver.findElement(By.cssSelector(".compare-sides")).getText())
        .contains("run nightly-1 (expected)", "run replay-payments-1 (actual)");
    // Neither the shop's nor the mailer's checkpoints count as removed: payments alone was
    // replayed.
    assertThat(driver.findElement(By.id("no-changes")).getText()).contains("No differences");
    driver.findElement(By.cssSelector("#unchanged summary")).click();
    assertThat(driver.findElement(By.id("unchanged")).getText())
        .contains(
            "payments/HTTP_SERVER/POST /payments#0",
            "payments/HTTP_SERVER/POST /payments#0 > payments/SQL/INSERT payments#0")
        .doesNotContain("shop/", "mailer/");
    browser.screenshot("ui-replay-compare-equal");
  }

  @Test
  void aDifferentReplayShowsOnlyWhatThePaymentsServiceDidDifferently() {
    ChromeDriver driver = browser.driver();

    driver.get(base + "/ui/runs/replay-payments-2");
    driver.findElement(By.id("compare-replayed")).click();
    arrivedAt("/ui/compare?run=nightly-1&run=replay-payments-2");

    assertThat(driver.findElement(By.id("change-summary")).getText()).isEqualTo("1 difference.");
    assertThat(driver.findElement(By.id("first-divergence")).getText())
        .contains("First divergence: output of payments/HTTP_SERVER/POST /payments#0")
        .contains("/body/status", "\"AUTHORIZED\"", "\"DECLINED\"");
    assertThat(driver.findElement(By.id("changes")).getText())
        .doesNotContain("shop/", "mailer/", "REMOVED");
    browser.screenshot("ui-replay-compare-different");
  }

  @Test
  void aRunThatIsNoReplayOrReplaysNoStoredRunHasNoComparisonLink() {
    ChromeDriver driver = browser.driver();

    driver.get(base + "/ui/runs/nightly-1");
    assertThat(driver.findElements(By.id("compare-replayed"))).isEmpty();
    driver.get(base + "/ui/runs/replay-of-assets");
    assertThat(driver.findElement(By.tagName("h1")).getText())
        .isEqualTo("replay of assets/checkout");
    assertThat(driver.findElements(By.id("compare-replayed"))).isEmpty();
    assertThat(driver.findElements(By.id("replays"))).isEmpty();
  }

  private static void arrivedAt(String url) {
    browser.waiting().until(ExpectedConditions.urlContains(url));
  }
}
