package dev.checkpoint.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Clicks through the UI in headless Chromium over checkpoints sent through the ingestion API: runs,
 * a run, a tree, checkpoints, a comparison and exports. Screenshots of each page go to {@code
 * target/screenshots/}.
 */
class WebUiEndToEndTest {
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
    recordings.run("nightly-2", "nightly checkout", "e4f5a6b");
    recordings.checkout("nightly-2", Recordings.CHECKOUT_B, "DECLINED", true);
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
  void runsRunTreeCheckpointCompareAndExport() throws IOException {
    ChromeDriver driver = browser.driver();

    driver.get(base + "/");
    assertThat(driver.getCurrentUrl()).endsWith("/ui/runs");
    WebElement runs = driver.findElement(By.id("runs"));
    assertThat(runs.getText())
        .contains("nightly checkout", "git.sha=a1b2c3d", "branch=main", "git.sha=e4f5a6b");
    assertThat(runs.findElements(By.cssSelector("tbody tr"))).hasSize(2);
    assertThat(runs.findElement(By.cssSelector("tbody tr:last-child")).getText())
        .contains("2", "12", "⚠ 1");
    browser.screenshot("ui-runs");

    driver.findElement(By.cssSelector("a[href='/ui/runs/nightly-1']")).click();
    arrivedAt("/ui/runs/nightly-1");
    WebElement trees = driver.findElement(By.id("trees"));
    assertThat(trees.getText())
        .contains("POST /orders", "mailer, payments, shop", "SQL 2", "publish 1", "consume 1");
    assertThat(trees.findElements(By.cssSelector("tbody tr"))).hasSize(2);
    browser.screenshot("ui-run");

    driver.findElement(By.linkText("POST /orders")).click();
    browser
        .waiting()
        .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-tree-ready", "true"));
    assertThat(rowLabels(driver))
        .containsExactly(
            "POST /orders",
            "OrderService.place",
            "POST payments:/payments",
            "POST /payments",
            "INSERT payments",
            "SELECT payments",
            "orders.created",
            "orders.created",
            "⚠ Mailer.send");
    assertThat(driver.findElement(By.cssSelector(".row.failed")).getText()).contains("Mailer.send");
    WebElement tree = driver.findElement(By.id("tree"));
    tree.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    assertThat(driver.findElement(By.cssSelector(".row.selected")).getText())
        .contains("POST payments:/payments", "shop", "20.0 ms");
    tree.sendKeys(Keys.ARROW_LEFT);
    assertThat(rowLabels(driver)).hasSize(6).contains("POST payments:/payments (+3)");
    driver.findElement(By.id("collapse-all")).click();
    assertThat(rowLabels(driver)).containsExactly("POST /orders (+8)");
    driver.findElement(By.id("expand-all")).click();
    assertThat(rowLabels(driver)).hasSize(9);
    row(driver, "SELECT payments").click();
    browser
        .waiting()
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail"), "order_id"));
    assertThat(driver.getCurrentUrl()).contains("#");
    browser.screenshot("ui-tree");

    driver.findElement(By.id("open-checkpoint")).click();
    arrivedAt("/checkpoints/");
    assertThat(driver.findElement(By.id("sql-statement")).getText())
        .isEqualTo(
            "select id, status\nfrom payments\nwhere order_id = ?\n  and status = 'NEW'\norder by id");
    assertThat(driver.findElement(By.id("sql-parameters")).getText()).contains("1", "\"o-1\"");
    assertThat(driver.findElement(By.id("sql-rows")).getText())
        .contains("2 rows", "id status", "p-1 NEW", "p-2 NEW");
    assertThat(driver.findElement(By.id("markers")).getText()).contains("truncated: output.rows");
    browser.screenshot("ui-checkpoint-sql");

    driver.findElement(By.linkText("tree")).click();
    browser
        .waiting()
        .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-tree-ready", "true"));
    assertThat(driver.findElement(By.cssSelector(".row.selected")).getText())
        .contains("SELECT payments");
    row(driver, "POST /orders").click();
    driver.findElement(By.id("tree")).sendKeys(Keys.ENTER);
    arrivedAt("/checkpoints/");
    assertThat(driver.findElement(By.id("http-method")).getText()).isEqualTo("POST");
    assertThat(driver.findElement(By.id("http-url")).getText())
        .isEqualTo("http://shop.local:8080/orders?express=true");
    assertThat(driver.findElement(By.id("http-status")).getText()).isEqualTo("201");
    assertThat(driver.findElement(By.id("markers")).getText())
        .contains("redacted: input.headers.authorization");
    assertThat(driver.findElement(By.id("curl")).getText())
        .startsWith("curl -X 'POST' 'http://shop.local:8080/orders?express=true'")
        .contains(
            "-H 'content-type: application/json'", "--data-raw '{\"item\":\"book\",\"qty\":2}'");
    assertThat(driver.findElement(By.id("output")).getText()).contains("\"o-1\"", "201");
    WebElement copyCurl = driver.findElement(By.cssSelector("[data-copy='curl']"));
    copyCurl.click();
    browser.waiting().until(ExpectedConditions.textToBePresentInElement(copyCurl, "Copied"));
    browser.screenshot("ui-checkpoint-http");

    driver.get(base + "/ui/search?kind=METHOD&text=ada%40example");
    assertThat(driver.findElement(By.id("results")).getText()).contains("Mailer.send", "mailer");
    driver.findElement(By.linkText("Mailer.send")).click();
    arrivedAt("/checkpoints/");
    assertThat(driver.findElement(By.id("error")).getText())
        .contains("java.io.IOException", "SMTP server did not answer in 5 s", "Mailer.java:42");
    browser.screenshot("ui-checkpoint-error");

    driver.get(base + "/ui/search?kind=CACHE");
    WebElement cache = driver.findElement(By.id("results"));
    assertThat(cache.getText()).contains("GET", "shop").doesNotContain("SELECT orders");
    WebElement badge = cache.findElement(By.cssSelector(".kind.kind-cache"));
    assertThat(badge.getText()).isEqualTo("cache");
    assertThat(badge.getCssValue("background-color")).isEqualTo("rgba(46, 125, 50, 1)");
    assertThat(
            driver
                .findElement(By.cssSelector("select[name='kind'] option[value='CACHE']"))
                .isSelected())
        .isTrue();

    driver.get(base + "/ui/runs");
    for (WebElement box : driver.findElements(By.name("run"))) {
      box.click();
    }
    driver.findElement(By.id("compare-runs")).click();
    arrivedAt("/ui/compare?run=nightly-2&run=nightly-1");
    String changes = driver.findElement(By.id("changes")).getText();
    assertThat(changes)
        .contains("REMOVED", "payments/METHOD/FraudCheck.score#0")
        .contains("CHANGED", "/output/body/status", "\"DECLINED\"", "\"AUTHORIZED\"")
        .contains("GET /orders/{id}");
    assertThat(driver.findElement(By.id("unchanged")).getAttribute("open")).isNull();
    String payments =
        "shop/HTTP_SERVER/POST /orders#0 > shop/METHOD/OrderService.place#0 >"
            + " shop/HTTP_CLIENT/POST payments:/payments#0 > payments/HTTP_SERVER/POST /payments#0";
    assertThat(driver.findElement(By.id("first-divergence")).getText())
        .contains("First divergence: removed " + payments + " > payments/METHOD/FraudCheck.score#0")
        .contains("/input", "{\"amount\":12.5}")
        .contains("Cause: " + payments + ": its input is unchanged, but its calls changed")
        .contains("later divergences in the changes below");
    WebElement highlighted = driver.findElement(By.id("first-divergence-change"));
    assertThat(highlighted.getAttribute("class")).contains("change-removed", "first");
    assertThat(highlighted.getText()).startsWith("FIRST DIVERGENCE").contains("FraudCheck.score");
    assertThat(driver.findElements(By.cssSelector(".change.first"))).hasSize(1);
    assertThat(
            (Boolean)
                driver.executeScript(
                    "var r = arguments[0].getBoundingClientRect();"
                        + " return r.top >= 0 && r.top < window.innerHeight;",
                    highlighted))
        .as("the page opens scrolled to the first divergence")
        .isTrue();
    browser.screenshot("ui-compare-scrolled");
    driver.executeScript("window.scrollTo(0, 0)");
    browser.screenshot("ui-compare");

    driver.get(base + "/ui/traces/" + Recordings.CHECKOUT_A);
    browser
        .waiting()
        .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-tree-ready", "true"));
    driver.findElement(By.id("export-tree")).click();
    JsonNode asset =
        Batches.MAPPER.readTree(Files.readString(browser.download("post-orders.json")));
    assertThat(asset.get("formatVersion").asInt()).isEqualTo(AssetFormat.CURRENT_VERSION);
    assertThat(asset.at("/scope/type").asText()).isEqualTo("tree");
    assertThat(asset.get("checkpoints")).hasSize(9);
    assertThat(asset.at("/checkpoints/0/key").asText())
        .isEqualTo("shop/HTTP_SERVER/POST /orders#0");
    assertThat(asset.at("/checkpoints/0/output/body/payment").asText()).isEqualTo("AUTHORIZED");
    assertThat(asset.at("/checkpoints/0").has("startTimeUnixNano")).isFalse();

    driver.get(base + "/ui/runs/nightly-1");
    driver.findElement(By.name("component")).sendKeys("Mailer.send", Keys.ENTER);
    JsonNode component =
        Batches.MAPPER.readTree(Files.readString(browser.download("mailer.send.json")));
    assertThat(component.at("/scope/name").asText()).isEqualTo("Mailer.send");
    assertThat(component.at("/checkpoints/0/error/type").asText()).isEqualTo("java.io.IOException");

    driver.findElement(By.id("export-run")).click();
    assertThat(zipEntries(browser.download("nightly-1.zip")))
        .containsExactly("post-orders.json", "get-orders-id.json");
  }

  private static void arrivedAt(String url) {
    browser.waiting().until(ExpectedConditions.urlContains(url));
  }

  private static List<String> rowLabels(ChromeDriver driver) {
    return driver.findElements(By.cssSelector(".row:not([hidden]) .title")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static WebElement row(ChromeDriver driver, String label) {
    return driver.findElements(By.cssSelector(".row:not([hidden])")).stream()
        .filter(row -> row.findElement(By.className("title")).getText().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No row " + label + " in " + rowLabels(driver)));
  }

  private static List<String> zipEntries(Path zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        JsonNode asset = Batches.MAPPER.readTree(in.readAllBytes());
        assertThat(asset.get("formatVersion").asInt())
            .as(entry.getName())
            .isEqualTo(AssetFormat.CURRENT_VERSION);
        names.add(entry.getName());
      }
    }
    return names;
  }
}
