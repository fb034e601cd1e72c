package io.guiji.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.file.FileRunJob;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The coverage page of a real bounded run (the demo's sample, seed 2021) in a real browser:
 * headless Chromium driven by Selenium through the system's chromedriver (Debian's {@code chromium}
 * and {@code chromium-driver}, which {@code .ci/run} installs). The page must load without console
 * errors, draw every chart, and show the figures of {@code coverage.json}. A screenshot is kept in
 * {@code target/coverage-page/}.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class CoveragePageBrowserITCase {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** The charts a bounded run's page draws (the trend needs a history of snapshots). */
    private static final List<String> CHARTS =
            List.of(
                    "chart-dept-gauge",
                    "chart-item-gauge",
                    "chart-divisions",
                    "chart-matrix",
                    "chart-reasons",
                    "chart-link-rate");

    @TempDir static Path dir;
    static JsonNode coverage;
    static WebDriver browser;

    @BeforeAll
    static void runTheDemoSampleAndOpenItsPage() throws Exception {
        Path input = dir.resolve("input");
        Path output = dir.resolve("output");
        new DemoSampleGenerator().write(input, 2021, TODAY);
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.PROCESSING_DATE, TODAY.toString());
        conf.set(GuijiOptions.PARALLELISM, 2);
        FileRunJob.run(input, output, conf);
        coverage = JSON.readTree(output.resolve("coverage.json").toFile());

        browser = headlessChromium();
        browser.get(output.resolve("coverage.html").toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.tagName("body")).getAttribute("data-drawn") != null);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Headless Chromium through the system's driver: nothing is downloaded. */
    static WebDriver headlessChromium() {
        assertThat(new File(CHROMEDRIVER))
                .as("chromium-driver is installed (apt-get install chromium chromium-driver)")
                .exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER))
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    @Test
    void thePageLoadsWithoutConsoleErrors() {
        List<String> severe = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(e.getMessage());
            }
        }
        assertThat(severe).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("归集覆盖率");
    }

    @Test
    void everyChartDraws() {
        for (String chart : CHARTS) {
            assertThat(paintedPixels(browser, chart))
                    .as("painted pixels of #%s", chart)
                    .isPositive();
        }
        assertThat(text("trend-note"))
                .as("no history in a bounded run, and the page says so")
                .contains("只有最终快照");
    }

    @Test
    void theHeadlineShowsCoverageJson() {
        assertThat(text("dept-coverage")).isEqualTo(pct(coverage.get("dept_coverage").asDouble()));
        assertThat(text("item-coverage")).isEqualTo(pct(coverage.get("item_coverage").asDouble()));
        assertThat(text("target")).isEqualTo(pct(coverage.get("target").asDouble()));
        WebElement status = browser.findElement(By.id("status"));
        assertThat(status.getAttribute("data-status")).isEqualTo(coverage.get("status").asText());
        assertThat(status.getText())
                .isEqualTo(coverage.get("status").asText().equals("MET") ? "达标" : "未达标");
        int depts = 0;
        for (JsonNode d : coverage.get("by_dept")) {
            depts += d.get("catalogued").asBoolean() ? 1 : 0;
        }
        int lagging = coverage.get("uncovered_depts").size();
        assertThat(text("depts")).isEqualTo(String.valueOf(depts));
        assertThat(text("covered-depts")).isEqualTo(String.valueOf(depts - lagging));
        assertThat(text("lagging-depts")).isEqualTo(String.valueOf(lagging));
        assertThat(text("received")).isEqualTo(count(coverage.at("/totals/received").asLong()));
    }

    @Test
    void theTableShowsEachDepartmentsFiguresLaggingOnesFirstAndMarked() {
        List<WebElement> rows = browser.findElements(By.cssSelector("#dept-body tr"));
        assertThat(rows).hasSize(coverage.get("by_dept").size());
        Set<String> lagging = new HashSet<>();
        coverage.get("uncovered_depts").forEach(n -> lagging.add(n.asText()));
        assertThat(lagging).as("the demo sample has lagging departments").isNotEmpty();

        for (int i = 0; i < rows.size(); i++) {
            WebElement row = rows.get(i);
            String code = row.getAttribute("data-code");
            JsonNode d = coverage.get("by_dept").get(code);
            assertThat(d).as("row %s", code).isNotNull();
            assertThat(cell(row, "received")).isEqualTo(count(d.get("received").asLong()));
            assertThat(cell(row, "accepted")).isEqualTo(count(d.get("accepted").asLong()));
            assertThat(cell(row, "rejected")).isEqualTo(count(d.get("rejected").asLong()));
            assertThat(cell(row, "duplicates")).isEqualTo(count(d.get("duplicates").asLong()));
            assertThat(cell(row, "linkRate"))
                    .isEqualTo(
                            d.get("link_rate").isNull() ? "—" : pct(d.get("link_rate").asDouble()));
            assertThat(row.getAttribute("class").contains("lagging"))
                    .as("row %d (%s) marked lagging", i, code)
                    .isEqualTo(lagging.contains(code));
            assertThat(lagging.contains(code))
                    .as("row %d: the lagging ones come first", i)
                    .isEqualTo(i < lagging.size());
        }
    }

    @Test
    void aClickOnAHeaderSortsTheTable() {
        WebElement header = browser.findElement(By.cssSelector("#dept-head th[data-col=received]"));
        header.click();
        List<Long> ascending = column("received");
        assertThat(ascending).isSorted();
        browser.findElement(By.cssSelector("#dept-head th[data-col=received]")).click();
        List<Long> descending = column("received");
        assertThat(descending).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        browser.findElement(By.cssSelector("#dept-head th[data-col=statusLabel]")).click();
        assertThat(
                        browser.findElements(By.cssSelector("#dept-body tr"))
                                .get(0)
                                .getAttribute("class"))
                .as("back to the default order")
                .contains("lagging");
    }

    /**
     * Last in name order: the whole page, and its first screen (the README's picture,
     * docs/coverage-page.png, is a copy of it).
     */
    @Test
    void zScreenshotOfTheWholePage() throws IOException {
        Path folder = Path.of("target", "coverage-page");
        Files.createDirectories(folder);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        browser.manage().window().setSize(new Dimension(1280, 1500));
        js.executeScript("window.scrollTo(0, 0);");
        Path top = screenshot(folder.resolve("coverage-page-top.png"));
        long height = (Long) js.executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 40, 8000)));
        js.executeScript("window.scrollTo(0, 0);");
        Path whole = screenshot(folder.resolve("coverage-page.png"));
        assertThat(Files.size(top)).isGreaterThan(10_000);
        assertThat(Files.size(whole)).isGreaterThan(10_000);
    }

    private static Path screenshot(Path file) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        return Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    // ---------------------------------------------------------------- helpers

    /** Non-transparent pixels of the chart's canvas. */
    static long paintedPixels(WebDriver browser, String chartId) {
        Object n =
                ((JavascriptExecutor) browser)
                        .executeScript(
                                "var c = document.querySelector('#' + arguments[0] + ' canvas');"
                                        + "if (!c || !c.width || !c.height) { return 0; }"
                                        + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                                        + "var n = 0; for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } }"
                                        + "return n;",
                                chartId);
        return ((Number) n).longValue();
    }

    private static List<Long> column(String col) {
        List<Long> values = new ArrayList<>();
        for (WebElement td :
                browser.findElements(By.cssSelector("#dept-body td[data-col=" + col + "]"))) {
            values.add(Long.parseLong(td.getAttribute("data-value")));
        }
        return values;
    }

    private static String cell(WebElement row, String col) {
        return row.findElement(By.cssSelector("td[data-col=" + col + "]")).getText();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /**
     * A ratio as the page shows it: JavaScript's {@code (r * 100).toFixed(1)} rounds the exact
     * binary value, half up.
     */
    static String pct(double ratio) {
        return new BigDecimal(ratio * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String count(long n) {
        return String.format("%,d", n);
    }
}
