package org.opencollections.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator at the workbench in a real browser (Debian's headless Chromium): logs in, opens the top case
 * of the queue, completes the negotiation form (rendered by form-js from the .form file) with a promise, and
 * sees the case move to monitoring. A refused submission shows the server's message in the form. Runs in an
 * application of its own (failsafe), so the queue holds only the cases made here. Screenshots go to
 * target/screenshots/.
 */
@CollectionsTest
class WorkbenchBrowserIT {

  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  static WebDriver browser;
  static Path profile;

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;

  @BeforeAll
  static void chromium() throws IOException {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(binary + " is missing: the browser tests need Debian's Chromium and its driver."
            + " Install them with: apt-get install -y chromium chromium-driver");
      }
    }
    Files.createDirectories(SCREENSHOTS);
    profile = Files.createTempDirectory("workbench-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1300", "--lang=en-US");
    // the driver is Debian's: Selenium Manager is never asked to download one
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1400, 1300));
  }

  @AfterAll
  static void close() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }
  }

  @Test
  void anOperatorCompletesTheNegotiationOfTheTopCaseWithAPromiseAndSeesItMoveToMonitoring() throws Exception {
    try {
      negotiateThePromise();
    } catch (Throwable failure) { // what the browser showed when it failed
      shot("failure");
      Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getPageSource());
      throw failure;
    }
  }

  private void negotiateThePromise() throws Exception {
    Api api = new Api(rest);
    // three cases in negotiation: the largest, high-value one is the top of the queue
    String top = api.createDebt(Api.debtRequest("12000.00", "2027-02-09", "PERSONAL_LOAN"));
    api.createDebt(Api.debtRequest("450.00", "2027-02-09", "CREDIT_CARD"));
    api.createDebt(Api.debtRequest("2300.00", "2027-02-09", "OVERDRAFT"));
    // one soft reminder, then negotiation after three days
    api.reachNegotiation(top);
    String topRef = api.debt(top).get("externalRef").asText();
    // the browser's locale is en-US: form-js's date field takes the date as M/d/yyyy
    String promised = java.time.LocalDate.parse(api.dateInDays(5)).format(java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy"));

    open("/");
    wait(ExpectedConditions.urlContains("/login"));
    shot("login");
    // the supervisor first: the top case waits at the negotiation task, the other two are in soft reminders
    logIn("supervisor");
    browser.findElement(By.linkText("Bottlenecks")).click();
    wait(ExpectedConditions.attributeToBe(By.id("diagram"), "data-ready", "true"));
    assertThat(badge("Task_NegotiateWithDebtor", "cases")).isEqualTo("1 case");
    assertThat(badge("Task_NegotiateWithDebtor", "tasks")).isEqualTo("1 waiting");
    assertThat(badge("SubProcess_SoftReminders", "cases")).isEqualTo("2 cases");
    shot("bottlenecks-before");
    logOut();

    logIn("operator");
    WebElement first = browser.findElement(By.cssSelector("table.queue tbody tr:first-child .case-link"));
    assertThat(first.getText()).isEqualTo(topRef);
    assertThat(browser.findElement(By.cssSelector(".who .user")).getText()).isEqualTo("operator");
    shot("queue");
    first.click();

    wait(ExpectedConditions.presenceOfElementLocated(By.id("stage")));
    assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("Negotiation");
    assertThat(browser.findElement(By.id("balance")).getText()).isEqualTo("12,000.00 USD");
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("Decision table").contains("matched rule");
    shot("case-file");
    browser.findElement(By.cssSelector("a.task-link")).click();

    // the form-js form, from negotiation-outcome.form
    wait(ExpectedConditions.attributeToBe(By.id("task-form"), "data-ready", "true"));
    browser.findElement(By.xpath("//label[contains(., 'Promise to pay')]")).click();
    WebElement amount = labelled("Promised amount");
    // more than the balance: the server refuses it and says so in the form
    amount.sendKeys("20000");
    WebElement date = labelled("Promised date");
    date.sendKeys(promised);
    browser.findElement(By.tagName("h1")).click(); // closes the date picker
    shot("task-form");
    browser.findElement(By.id("complete-task")).click();
    wait(ExpectedConditions.visibilityOfElementLocated(By.id("form-problems")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector(".fjs-form-field-error")).isEmpty()
        && browser.findElement(By.cssSelector(".fjs-form-field-error")).getText().contains("balance"));
    assertThat(browser.findElement(By.id("form-problems")).getText()).contains("The task was not completed");
    shot("task-form-refused");
    assertThat(api.debt(top).get("stage").asText()).isEqualTo("NEGOTIATION");

    amount.clear();
    amount.sendKeys("5000");
    browser.findElement(By.id("complete-task")).click();

    wait(ExpectedConditions.urlContains("/workbench/cases/" + top));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("Task completed");
    // the process moves the case on its own time: the operator looks again
    await().atMost(Api.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
      browser.navigate().refresh();
      return browser.findElement(By.id("stage")).getText();
    }, "Monitoring"::equals);
    assertThat(browser.findElement(By.id("commitments")).getText()).contains("Promise to pay").contains("5,000.00 USD");
    JsonNode debt = api.debt(top);
    assertThat(debt.get("stage").asText()).isEqualTo("MONITORING");
    shot("case-file-monitoring");

    // the supervisor again: nothing waits at negotiation now, the case is in monitoring; its step lists it
    logOut();
    logIn("supervisor");
    browser.findElement(By.linkText("Bottlenecks")).click();
    wait(ExpectedConditions.attributeToBe(By.id("diagram"), "data-ready", "true"));
    assertThat(browser.findElements(By.cssSelector(".counts[data-element='Task_NegotiateWithDebtor']"))).isEmpty();
    assertThat(badge("SubProcess_MonitorCommitment", "cases")).isEqualTo("1 case");
    assertThat(badge("SubProcess_SoftReminders", "cases")).isEqualTo("2 cases");
    shot("bottlenecks");
    browser.findElement(By.cssSelector(".counts[data-element='SubProcess_MonitorCommitment']")).click();
    wait(ExpectedConditions.urlContains("/workbench/bottlenecks/elements/SubProcess_MonitorCommitment"));
    assertThat(browser.findElement(By.cssSelector("[data-figure=total]")).getText()).isEqualTo("1");
    assertThat(browser.findElement(By.cssSelector("table.queue .case-link")).getText()).isEqualTo(topRef);
    shot("bottleneck-cases");

    // the KPIs of this month so far: every figure on the page is the one the API gives for the same period
    browser.findElement(By.linkText("KPIs")).click();
    wait(ExpectedConditions.urlContains("/workbench/kpis"));
    String from = browser.findElement(By.name("from")).getAttribute("value");
    String to = browser.findElement(By.name("to")).getAttribute("value");
    JsonNode kpis = api.as("supervisor").get("/api/analytics/kpis?from=" + from + "&to=" + to).getBody();
    assertThat(kpis.at("/roll/debtsAtStart").isMissingNode() && kpis.at("/cures").isMissingNode()).isFalse();
    int figures = 0;
    int filled = 0;
    for (WebElement figure : browser.findElements(By.cssSelector("[data-kpi]"))) {
      String pointer = figure.getAttribute("data-kpi");
      JsonNode value = kpis.at(pointer);
      assertThat(value.isMissingNode()).as(pointer).isFalse();
      String shown = figure.getAttribute("textContent").trim();
      assertThat(shown).as(pointer).isEqualTo(value.isNull() ? "" : value.asText());
      figures++;
      filled += shown.isEmpty() ? 0 : 1;
    }
    assertThat(figures).as("figures on the KPI page").isGreaterThan(50);
    assertThat(filled).as("figures with a value").isPositive();
    shot("kpis");

    // the compliance console: would a third telephone communication in Massachusetts be lawful?
    browser.findElement(By.linkText("What if")).click();
    wait(ExpectedConditions.urlContains("/workbench/what-if"));
    browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    WebElement answer = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.answer")));
    assertThat(answer.getText()).contains("Not before Mon 8 Mar 2027, 08:00").contains("CALL_FREQUENCY").contains("calls and texts counted");
    shot("what-if");
  }

  private void logIn(String user) {
    wait(ExpectedConditions.urlContains("/login"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    wait(ExpectedConditions.urlContains("/workbench/queue"));
  }

  private void logOut() {
    browser.findElement(By.cssSelector(".logout button")).click();
    wait(ExpectedConditions.urlContains("/login?logout"));
  }

  /** The text of one badge the bottleneck view puts on an element of the model. */
  private static String badge(String elementId, String kind) {
    return browser.findElement(By.cssSelector(".counts[data-element='" + elementId + "'] .count-badge." + kind)).getText();
  }

  /** The form field a person finds by its label. */
  private static WebElement labelled(String label) {
    WebElement l = wait(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[starts-with(normalize-space(.), '" + label + "')]")));
    return browser.findElement(By.id(l.getAttribute("for")));
  }

  private void open(String path) {
    browser.get("http://127.0.0.1:" + port + path);
  }

  private static <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
    return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
  }

  private static void shot(String name) throws IOException {
    Path to = SCREENSHOTS.resolve(name + ".png");
    Files.write(to, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
