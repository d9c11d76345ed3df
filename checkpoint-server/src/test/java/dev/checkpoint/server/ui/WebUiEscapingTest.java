package dev.checkpoint.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Recorded values are data, never markup: payloads, names, services, run labels, errors and headers
 * full of script injections are shown as text on every page, and nothing runs. Each injection would
 * set {@code window.pwned} or open an alert if it ran.
 */
class WebUiEscapingTest {
  private static final String SCRIPT = "<script>window.pwned=1;alert(1)</script>";
  private static final String IMAGE = "\"><img src=x onerror=\"window.pwned=2;alert(2)\">";
  private static final String ATTRIBUTE = "' onmouseover='window.pwned=3' x='";
  private static final String JAVASCRIPT_URL = "javascript:window.pwned=4;alert(4)";
  private static final String CLOSING = "</textarea></pre></code><svg onload=\"window.pwned=5\">";
  private static final String BIDI = "\u202Egnp.exe\u200B";
  private static final String TRACE_1 = "3c4d5e6f708192a3b4c5d6e7f8091a2b";
  private static final String TRACE_2 = "4d5e6f708192a3b4c5d6e7f8091a2b3c";

  @TempDir static Path data;
  private static CheckpointServer server;
  private static Browser browser;
  private static String base;
  private static String rootId;
  private static String sqlId;
  private static String failingId;

  @BeforeAll
  static void record() {
    server = CheckpointServer.start(TestServers.sqlite(data).build());
    base = "http://127.0.0.1:" + server.port();
    Recordings recordings = new Recordings(new Http(server.port()));
    recordings.run("evil-1", SCRIPT + IMAGE, SCRIPT);
    recordings.run("evil-2", IMAGE, JAVASCRIPT_URL);
    for (String trace : List.of(TRACE_1, TRACE_2)) {
      recordings.start(trace.equals(TRACE_1) ? "evil-1" : "evil-2", trace);
      String root =
          recordings.add(
              null,
              SCRIPT,
              "HTTP_SERVER",
              "POST " + IMAGE,
              5,
              Recordings.json(
                  "{\"method\":\"POST\",\"path\":\"/x\\\"><script>window.pwned=6</script>\","
                      + "\"headers\":{\"host\":\""
                      + escapeJson(IMAGE)
                      + "\","
                      + "\"x-link\":\""
                      + JAVASCRIPT_URL
                      + "\","
                      + "\""
                      + escapeJson(SCRIPT)
                      + "\":\""
                      + escapeJson(ATTRIBUTE)
                      + "\"},"
                      + "\"body\":{\"html\":\""
                      + escapeJson(SCRIPT)
                      + "\","
                      + "\""
                      + escapeJson(IMAGE)
                      + "\":\""
                      + escapeJson(CLOSING)
                      + "\","
                      + "\"link\":\""
                      + JAVASCRIPT_URL
                      + "\",\"bidi\":\""
                      + BIDI
                      + "\","
                      + "\"trace\":\""
                      + trace
                      + "\"}}"),
              Recordings.json(
                  "{\"status\":200,\"headers\":{},\"body\":\""
                      + escapeJson(CLOSING + SCRIPT)
                      + "\"}"),
              null,
              List.of(SCRIPT),
              List.of(IMAGE));
      String sql =
          recordings.add(
              root,
              IMAGE,
              "SQL",
              SCRIPT,
              1,
              Recordings.json(
                  "{\"statement\":\"select '"
                      + escapeJson(SCRIPT)
                      + "' from t\","
                      + "\"parameters\":{\"1\":\""
                      + escapeJson(IMAGE)
                      + "\"}}"),
              Recordings.json(
                  "{\"rows\":[{\"" + escapeJson(SCRIPT) + "\":\"" + escapeJson(IMAGE) + "\"}]}"),
              null,
              List.of(),
              List.of());
      String failing =
          recordings.add(
              root,
              "svc",
              "METHOD",
              ATTRIBUTE + BIDI,
              1,
              Recordings.json("{\"" + escapeJson(CLOSING) + "\":1}"),
              null,
              Recordings.json(
                  "{\"type\":\""
                      + escapeJson(SCRIPT)
                      + "\",\"message\":\""
                      + escapeJson(IMAGE)
                      + "\",\"stack\":[\""
                      + escapeJson(CLOSING)
                      + "\"]}"),
              List.of(),
              List.of());
      recordings.send();
      if (trace.equals(TRACE_1)) {
        rootId = root;
        sqlId = sql;
        failingId = failing;
      }
    }
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
  void injectedMarkupIsShownAsTextAndNeverRuns() {
    ChromeDriver driver = browser.driver();
    String checkpoints = "/ui/traces/" + TRACE_1 + "/checkpoints/";

    visit("/ui/runs");
    assertThat(text()).contains(SCRIPT + IMAGE, "git.sha=" + SCRIPT);
    visit("/ui/runs/evil-1");
    assertThat(text()).contains("POST " + IMAGE, SCRIPT);
    visit("/ui/traces/" + TRACE_1);
    browser
        .waiting()
        .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-tree-ready", "true"));
    assertThat(driver.findElement(By.id("tree")).getText()).contains("POST " + IMAGE, SCRIPT);
    for (WebElement row : driver.findElements(By.cssSelector(".row:not([hidden])"))) {
      row.click();
      browser
          .waiting()
          .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#detail pre")));
      assertNothingRan();
    }
    assertThat(driver.findElement(By.id("detail")).getText()).contains(escapeJson(CLOSING));
    assertThat(driver.findElement(By.id("tree")).getText())
        .contains(ATTRIBUTE + "\\u202Egnp.exe\\u200B")
        .doesNotContain(BIDI);
    driver.findElements(By.cssSelector(".row:not([hidden])")).get(0).click();
    browser
        .waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#detail pre"), "\"bidi\""));
    assertThat(driver.findElement(By.id("detail")).getText())
        .as("the preview shows direction overrides as escapes")
        .contains("\"bidi\": \"\\u202Egnp.exe\\u200B\"")
        .doesNotContain(BIDI);
    browser.screenshot("ui-escaping-tree");
    visit(checkpoints + rootId);
    assertThat(text())
        .contains(SCRIPT, IMAGE, JAVASCRIPT_URL, "\\u202Egnp.exe\\u200B", ATTRIBUTE)
        .contains("truncated: " + SCRIPT, "redacted: " + IMAGE);
    assertThat(driver.findElement(By.id("curl")).getText())
        .contains(SCRIPT)
        .as("the curl block quotes a direction override as an escape bash understands")
        .contains("\\u202Egnp.exe\\u200B")
        .doesNotContain(BIDI);
    assertThat(driver.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
    browser.screenshot("ui-escaping-checkpoint");
    visit(checkpoints + sqlId);
    assertThat(driver.findElement(By.id("sql-rows")).getText()).contains(SCRIPT, IMAGE);
    visit(checkpoints + failingId);
    assertThat(driver.findElement(By.id("error")).getText()).contains(SCRIPT, IMAGE, CLOSING);
    assertThat(driver.findElement(By.id("checkpoint-name")).getText())
        .isEqualTo(ATTRIBUTE + "\\u202Egnp.exe\\u200B");
    visit("/ui/search?text=" + "%3Cscript%3E");
    assertThat(driver.findElement(By.id("results")).getText()).contains(SCRIPT);
    visit("/ui/search?name=" + "%3Cimg&service=%22%3E%3Cscript%3E");
    visit("/ui/compare?run=evil-1&run=evil-2");
    assertThat(text()).contains("unchanged");
    visit("/ui/compare?trace=" + TRACE_1 + "&trace=" + TRACE_2);
    visit("/ui/runs?name=" + "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(7)%3E");
    assertThat(driver.findElement(By.name("name")).getAttribute("value"))
        .isEqualTo("\"><img src=x onerror=alert(7)>");
    visit("/ui/login?next=javascript:alert(8)");
  }

  private void visit(String path) {
    browser.driver().get(base + path);
    assertNothingRan();
  }

  private String text() {
    return browser.driver().findElement(By.tagName("main")).getText();
  }

  private void assertNothingRan() {
    ChromeDriver driver = browser.driver();
    assertThatThrownBy(() -> driver.switchTo().alert())
        .as("an alert opened on " + driver.getCurrentUrl())
        .isInstanceOf(NoAlertPresentException.class);
    assertThat(driver.executeScript("return typeof window.pwned"))
        .as("window.pwned on " + driver.getCurrentUrl())
        .isEqualTo("undefined");
    assertThat(
            driver.findElements(
                By.cssSelector(
                    "main img, main svg, main script, [onerror], [onload], [onmouseover]")))
        .as("elements or handlers injected on " + driver.getCurrentUrl())
        .isEmpty();
  }

  private static String escapeJson(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
