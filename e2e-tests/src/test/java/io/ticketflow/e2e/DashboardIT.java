package io.ticketflow.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's chromium, headless, driven by Selenium through chromedriver) against the
 * packaged producer and worker on the real broker: a ticket submitted through the form goes QUEUED → RUNNING →
 * SUCCEEDED on the page without a reload (the page's event stream), filters live in the URL (back, forward and reload
 * keep them), a detail shows the result, and a running ticket cancelled from its detail shows CANCELLED.
 * Screenshots go to {@code target/dashboard-*.png}.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("ticketflow.e2e.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("ticketflow.e2e.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target");
    /** Everything the page shows comes over the broker and back: generous for a loaded 2-core machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TicketflowSystem system;
    private static ChromeDriver browser;
    private static WebDriverWait await;

    @BeforeAll
    static void start() {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver").isExecutable();
        system = TicketflowSystem.get();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1440,1100", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        await = new WebDriverWait(browser, PATIENCE);
        await.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void followsTicketsLiveFiltersInTheUrlAndCancels() {
        // Some history for the charts and counts: quick, slow and failing tickets.
        List<CompletableFuture<String>> earlier = IntStream.range(0, 12).mapToObj(i -> system.tickets.submitAccepted(
                i % 4 == 3 ? "{\"type\":\"http\",\"payload\":{\"url\":\"http://not-allowed.example/\"},\"maxAttempts\":1}"
                        : "{\"type\":\"" + (i % 2 == 0 ? "echo" : "delay") + "\",\"payload\":{\"ms\":" + (200 * i) + "}}"))
                .toList();
        earlier.forEach(CompletableFuture::join);

        browser.get(system.producer.uri("/").toString());
        // The API key, as a user gives it once per tab (kept in sessionStorage); the page then loads with it.
        js("sessionStorage.setItem('ticketflow.apiKey', arguments[0]);", Instances.HARNESS.key());
        browser.navigate().refresh();
        await.until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        // The worker announces itself with its heartbeat.
        await.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#workers tr[data-worker]")));
        assertThat((String) js("return document.querySelector('#workers tr[data-worker]').textContent;"))
                .contains("delay", "/ 256");
        js("window.notReloaded = true;");

        // Every status each row shows, in order, recorded by the page itself from before the submission on.
        js("""
                window.statuses = {};
                const record = () => document.querySelectorAll('#tickets tbody tr').forEach((row) => {
                  const seen = window.statuses[row.dataset.id] || (window.statuses[row.dataset.id] = []);
                  const status = row.querySelector('.status').textContent;
                  if (status !== seen[seen.length - 1]) seen.push(status);
                });
                new MutationObserver(record).observe(document.querySelector('#tickets tbody'),
                    { childList: true, subtree: true, characterData: true });
                """);
        String id = submitThroughForm("{\"ms\": 4000}");
        await.until(driver -> statusesSeen(id).contains("SUCCEEDED"));
        assertThat(statusesSeen(id)).as("the row's statuses, as the page showed them")
                .containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(js("return window.notReloaded === true;")).as("no reload").isEqualTo(true);
        screenshot("dashboard-live");

        // Filters go into the URL.
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("SUCCEEDED");
        await.until(ExpectedConditions.urlContains("status=SUCCEEDED"));
        WebElement type = browser.findElement(By.id("filter-type"));
        type.clear();
        type.sendKeys("delay");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        await.until(ExpectedConditions.urlContains("type=delay"));
        await.until(driver -> rowStatuses().contains("SUCCEEDED") && rowIds().contains(id));
        assertThat(rowStatuses()).containsOnly("SUCCEEDED");
        assertThat(rowTypes()).containsOnly("delay");

        // Back, forward and reload keep them.
        browser.navigate().back();
        await.until(driver -> !driver.getCurrentUrl().contains("type=") && driver.getCurrentUrl().contains("status=SUCCEEDED"));
        await.until(driver -> driver.findElement(By.id("filter-type")).getDomProperty("value").isEmpty());
        await.until(driver -> rowTypes().contains("echo"));
        assertThat(rowStatuses()).containsOnly("SUCCEEDED");
        browser.navigate().forward();
        await.until(ExpectedConditions.urlContains("type=delay"));
        await.until(driver -> "delay".equals(driver.findElement(By.id("filter-type")).getDomProperty("value")));
        await.until(driver -> !rowTypes().isEmpty() && rowTypes().stream().allMatch("delay"::equals));
        browser.navigate().refresh();
        await.until(driver -> "SUCCEEDED".equals(new Select(driver.findElement(By.id("filter-status")))
                .getFirstSelectedOption().getDomProperty("value")));
        assertThat(browser.findElement(By.id("filter-type")).getDomProperty("value")).isEqualTo("delay");
        await.until(driver -> rowIds().contains(id));

        // A detail: the result and the timeline.
        click(By.cssSelector("#tickets tr[data-id='" + id + "']"));
        await.until(ExpectedConditions.textToBe(By.id("detail-status"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("detail-result")).getText()).contains("\"sleptMs\": 4000");
        assertThat(browser.findElement(By.id("detail-timeline")).getText()).contains("submitted", "started", "succeeded");
        assertThat(browser.getCurrentUrl()).contains("ticket=" + id);
        assertThat(browser.findElement(By.id("cancel-button")).isDisplayed()).as("no cancel on a finished ticket")
                .isFalse();

        // Cancel a running ticket from its detail.
        String running = submitThroughForm("{\"ms\": 60000}");
        click(By.id("submitted-id"));
        await.until(ExpectedConditions.urlContains("ticket=" + running));
        await.until(ExpectedConditions.textToBe(By.id("detail-status"), "RUNNING"));
        browser.findElement(By.id("cancel-button")).click();
        await.until(ExpectedConditions.textToBe(By.id("detail-status"), "CANCELLED"));
        assertThat(browser.findElement(By.id("cancel-outcome")).getText()).isEqualTo("Cancelled.");
        assertThat(browser.findElement(By.id("cancel-button")).isDisplayed()).isFalse();
        screenshot("dashboard-cancelled");

        // A ticket's attempts: a call no server answers, tried twice, fails for good on the second.
        String refused = system.tickets.submitAccepted("""
                {"type": "http", "payload": {"url": "http://127.0.0.1:1/refused"}, "maxAttempts": 2}""").join();
        browser.get(system.producer.uri("/?ticket=" + refused).toString());
        await.until(ExpectedConditions.textToBe(By.id("detail-status"), "FAILED"));
        await.until(driver -> attemptOutcomes().equals(List.of("RETRYING", "FAILED")));
        assertThat(column("#detail-attempts tbody tr", "td:first-child")).containsExactly("1", "2");
        assertThat(column("#detail-attempts tbody tr", "td.error-text"))
                .allSatisfy(error -> assertThat(error).isNotBlank());
        screenshot("dashboard-attempts");

        // The whole board, unfiltered, for the README.
        browser.get(system.producer.uri("/?ticket=" + id).toString());
        await.until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        await.until(ExpectedConditions.textToBe(By.id("detail-status"), "SUCCEEDED"));
        await.until(driver -> rowIds().contains(running));
        await.until(driver -> Long.parseLong((String) js("return document.getElementById('count-CANCELLED').textContent;"))
                >= 1);
        screenshot("dashboard");
    }

    private String submitThroughForm(String payload) {
        String before = browser.findElements(By.id("submitted-id")).stream().map(WebElement::getText).findFirst()
                .orElse("");
        WebElement type = browser.findElement(By.id("submit-type"));
        type.clear();
        type.sendKeys("delay");
        WebElement body = browser.findElement(By.id("submit-payload"));
        body.clear();
        body.sendKeys(payload);
        browser.findElement(By.id("submit-button")).click();
        return await.until(driver -> driver.findElements(By.id("submitted-id")).stream().map(WebElement::getText)
                .filter(text -> !text.isEmpty() && !text.equals(before)).findFirst().orElse(null));
    }

    @SuppressWarnings("unchecked")
    private static List<String> statusesSeen(String id) {
        return (List<String>) js("return window.statuses[arguments[0]] || [];", id);
    }

    private static List<String> rowIds() {
        return column("td.id");
    }

    private static List<String> rowStatuses() {
        return column(".status");
    }

    private static List<String> rowTypes() {
        return column("td:nth-child(3)");
    }

    private static List<String> attemptOutcomes() {
        return column("#detail-attempts tbody tr", ".status");
    }

    private static List<String> column(String selector) {
        return column("#tickets tbody tr", selector);
    }

    /** Read in the page in one go: the table is redrawn as changes arrive, so elements held across calls go stale. */
    @SuppressWarnings("unchecked")
    private static List<String> column(String rows, String selector) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0] + ' ' + arguments[1])]"
                + ".map((cell) => cell.textContent.trim());", rows, selector);
    }

    /** Clicks what the selector finds once it is there, again if the page redrew it meanwhile. */
    private static void click(By selector) {
        await.until(driver -> {
            driver.findElement(selector).click();
            return true;
        });
    }

    private static Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private static void screenshot(String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
