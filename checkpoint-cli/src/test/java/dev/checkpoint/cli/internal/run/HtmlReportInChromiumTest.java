package dev.checkpoint.cli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.checkpoint.server.testing.chromium.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The HTML report as a reader sees it: opened from disk in Debian's headless Chromium, with drift
 * and payloads that try to run script. Outside CI a machine without Chromium skips the test with a
 * loud reason; with {@code CI=true} it fails it.
 */
class HtmlReportInChromiumTest {
  /** Would set {@code window.pwned} and open an alert if the page ran it. */
  private static final String ATTACK =
      "<img src=x onerror=\"window.pwned=1;alert(1)\"><svg onload=\"window.pwned=2\"></svg>";

  @TempDir static Path dir;
  static ChromeDriver driver;
  static RunSummary summary;

  @BeforeAll
  static void openTheReport() throws IOException {
    requireChromium();
    RunSummary base = Summaries.withDriftNewUnchangedAndError("http://127.0.0.1:7070");
    List<ScenarioResult> scenarios = new ArrayList<>(base.scenarios());
    scenarios.add(
        new ScenarioResult(
            "attack",
            List.of(),
            List.of(
                new StepResult(
                    ATTACK,
                    "3af7651916cd43dd8448eb211c80319c",
                    StepResult.Status.NEW,
                    Path.of("assets/attack/" + ATTACK + ".json"),
                    StepResult.NO_DIFF,
                    true)),
            Map.of(),
            null));
    summary = new RunSummary(base.serverUrl(), scenarios);
    Path report = Files.writeString(dir.resolve("report.html"), HtmlReport.render(summary));
    Path profile = Files.createDirectories(dir.resolve("profile"));
    driver = HeadlessChromium.start(HeadlessChromium.options(profile));
    driver.get(report.toUri().toString());
  }

  @AfterAll
  static void close() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void showsTheHeadlineEveryStepAndItsStatus() {
    assertThat(driver.getTitle()).isEqualTo("Checkpoint run");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Checkpoint run");
    assertThat(driver.findElement(By.tagName("p")).getText())
        .isEqualTo(summary.headline())
        .isEqualTo("4 steps in 3 scenarios: 1 drifted, 2 new, 1 unchanged; 1 failed");
    List<String> rows =
        driver.findElements(By.cssSelector("table tr")).stream().map(WebElement::getText).toList();
    assertThat(rows)
        .containsExactly(
            "scenario step status asset",
            "checkout pay <by> card drift assets/checkout/pay-by-card.json",
            "checkout browse new assets/checkout/browse.json",
            "checkout login unchanged assets/checkout/login.json",
            "refund error Service 'refunds' " + Summaries.NASTY,
            "attack " + ATTACK + " new assets/attack/" + ATTACK + ".json");
    WebElement drift = driver.findElement(By.cssSelector("td.drift"));
    assertThat(drift.getCssValue("color")).isEqualTo("rgba(170, 0, 0, 1)");
    assertThat(driver.findElement(By.cssSelector("td.unchanged")).getCssValue("color"))
        .isEqualTo("rgba(0, 136, 0, 1)");
  }

  @Test
  void showsTheFirstDivergenceThenTheDriftAsTextAndLinksToTheWebUi() {
    assertThat(driver.findElements(By.tagName("h2")).stream().map(WebElement::getText))
        .containsExactly("Drift in checkout / pay <by> card");
    WebElement first = driver.findElement(By.cssSelector("pre.first-divergence"));
    assertThat(first.getText())
        .startsWith("First divergence: output of payments/METHOD/Pricing.price#0")
        .contains("Cause: payments/METHOD/Pricing.price#0");
    assertThat(first.getCssValue("background-color")).isEqualTo("rgba(255, 244, 214, 1)");
    String diff = driver.findElements(By.tagName("pre")).get(1).getText();
    assertThat(diff)
        .contains("~ changed  payments/METHOD/Pricing.price#0", "/output/rule")
        .contains(Summaries.NASTY.substring(0, 30));
    assertThat(
            driver.findElements(By.cssSelector("h2 + p a")).stream()
                .map(link -> link.getText() + " " + link.getAttribute("href")))
        .containsExactly(
            "Tree http://127.0.0.1:7070/ui/traces/0af7651916cd43dd8448eb211c80319c",
            "run http://127.0.0.1:7070/ui/runs/checkout-1");
  }

  @Test
  void runsNothingFromThePayloads() {
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    assertThat(driver.findElements(By.cssSelector("script, img, svg, iframe, object"))).isEmpty();
    assertThat(
            driver.executeScript(
                "return [...document.querySelectorAll('*')].flatMap(e =>"
                    + " [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))"))
        .isEqualTo(List.of());
  }

  private static void requireChromium() {
    if (Files.isExecutable(HeadlessChromium.CHROMIUM)
        && Files.isExecutable(HeadlessChromium.CHROMEDRIVER)) {
      return;
    }
    String reason =
        "The HTML report test needs Debian's headless Chromium: "
            + HeadlessChromium.CHROMIUM
            + " and "
            + HeadlessChromium.CHROMEDRIVER
            + " are missing. Install them with: apt-get update && apt-get install -y chromium"
            + " chromium-driver (scripts/test.sh does).";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true requires Chromium. " + reason);
    }
    System.err.println("SKIPPED: " + reason);
    org.junit.jupiter.api.Assumptions.abort(reason);
  }
}
