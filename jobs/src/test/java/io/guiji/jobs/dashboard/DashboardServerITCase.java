package io.guiji.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.json.OutputJson;
import io.guiji.jobs.config.DashboardConfig;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.coverage.CoverageCalculator;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.internal.DeptCounters;
import io.guiji.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code guiji dashboard} against a real PostgreSQL with guiji's tables and roles
 * (deploy/postgres/schema.sql, roles.sql), read as a login role of {@code guiji_reader}: the page
 * and its JSON show the latest snapshot, a new snapshot reaches an open page in a real browser
 * within seconds, and the access token is required where one is configured.
 */
class DashboardServerITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER = "guiji_dashboard_it";
    private static final String TOKEN = "0123456789abcdef-test-token";

    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void tablesAndAReadOnlyLogin() throws Exception {
        try (Connection c = PG.connection();
                Statement s = c.createStatement()) {
            s.execute(read("schema.sql"));
            s.execute(read("roles.sql"));
            s.execute(
                    "DO $$ BEGIN CREATE ROLE "
                            + READER
                            + " LOGIN IN ROLE guiji_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;");
        }
    }

    @BeforeEach
    void noSnapshot() throws SQLException {
        try (Connection c = PG.connection();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM coverage_snapshot");
            s.execute("DELETE FROM coverage_history");
        }
    }

    @Test
    void thePageAndItsJsonShowTheLatestSnapshot() throws Exception {
        JsonNode snapshot = store(snapshot(1, "2026-11-01T10:00:00"));
        try (DashboardServer server = DashboardServer.start(config(null))) {
            HttpResponse<String> json = get(server, "/coverage.json", null);
            assertThat(json.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(json.body());
            assertThat(page.at("/headline/deptCoverage").asDouble())
                    .isEqualTo(snapshot.get("dept_coverage").asDouble());
            assertThat(page.at("/headline/itemCoverage").asDouble())
                    .isEqualTo(snapshot.get("item_coverage").asDouble());
            assertThat(page.at("/headline/status").asText())
                    .isEqualTo(snapshot.get("status").asText());
            assertThat(page.at("/departments/0/code").asText())
                    .as("lagging first")
                    .isEqualTo("HBJ01");
            assertThat(page.at("/departments/0/received").asLong())
                    .isEqualTo(snapshot.at("/by_dept/HBJ01/received").asLong());

            HttpResponse<String> html = get(server, "/", null);
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.headers().firstValue("Content-Type"))
                    .hasValue("text/html; charset=utf-8");
            assertThat(html.body())
                    .contains("<title>归集覆盖率</title>")
                    .contains("var LIVE = {\"url\": \"coverage.json\", \"refreshMillis\": 1000};");
            assertThat(get(server, "/other", null).statusCode()).isEqualTo(404);
        }
    }

    /** The trend is PostgreSQL's history of the period, also for a dashboard just started. */
    @Test
    void theTrendIsThePeriodsHistoryInPostgres() throws Exception {
        store(snapshot(1, "2026-11-01T10:00:00"));
        store(snapshot(2, "2026-11-01T10:01:00"));
        store(snapshot(3, "2026-11-01T10:02:00"));
        try (DashboardServer server = DashboardServer.start(config(null))) {
            JsonNode trend = JSON.readTree(get(server, "/coverage.json", null).body()).get("trend");
            assertThat(trend).hasSize(3);
            assertThat(trend.get(0).get("at").asText()).isEqualTo("2026-11-01T10:00:00");
            assertThat(trend.get(0).get("deptCoverage").asDouble()).isEqualTo(1.0 / 3);
            assertThat(trend.get(2).get("deptCoverage").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void aNewSnapshotIsServedAtTheNextRequestAndExtendsTheTrend() throws Exception {
        store(snapshot(1, "2026-11-01T10:00:00"));
        try (DashboardServer server = DashboardServer.start(config(null))) {
            JsonNode before = JSON.readTree(get(server, "/coverage.json", null).body());
            JsonNode later = store(snapshot(3, "2026-11-01T10:05:00"));
            JsonNode after = JSON.readTree(get(server, "/coverage.json", null).body());

            assertThat(after.at("/headline/deptCoverage").asDouble())
                    .isEqualTo(later.get("dept_coverage").asDouble())
                    .isNotEqualTo(before.at("/headline/deptCoverage").asDouble());
            assertThat(after.get("trend")).hasSize(2);
            assertThat(after.at("/trend/1/at").asText()).isEqualTo("2026-11-01T10:05:00");
        }
    }

    @Test
    void anEmptyTableGivesAnEmptyPageNotAnError() throws Exception {
        try (DashboardServer server = DashboardServer.start(config(null))) {
            HttpResponse<String> json = get(server, "/coverage.json", null);
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(json.body()).get("departments")).isEmpty();
        }
    }

    @Test
    void withATokenEveryRequestMustCarryIt() throws Exception {
        store(snapshot(1, "2026-11-01T10:00:00"));
        try (DashboardServer server = DashboardServer.start(config(TOKEN))) {
            assertThat(get(server, "/", null).statusCode()).isEqualTo(401);
            assertThat(get(server, "/coverage.json", null).statusCode()).isEqualTo(401);
            assertThat(get(server, "/coverage.json", "Bearer wrong-token-wrong-token").statusCode())
                    .isEqualTo(401);
            assertThat(get(server, "/coverage.json", "Bearer " + TOKEN).statusCode())
                    .isEqualTo(200);
            assertThat(get(server, "/?token=wrong", null).statusCode()).isEqualTo(401);

            HttpResponse<String> login = get(server, "/?token=" + TOKEN, null);
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Location")).hasValue("/");
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
            HttpResponse<String> withCookie =
                    http.send(
                            HttpRequest.newBuilder(uri(server, "/coverage.json"))
                                    .header("Cookie", cookie.split(";")[0])
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(withCookie.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void beyondLoopbackATokenIsRequiredAndTheReaderCannotWrite() throws Exception {
        Configuration conf = baseConf();
        conf.set(GuijiOptions.DASHBOARD_BIND, "0.0.0.0");
        conf.set(GuijiOptions.DASHBOARD_TOKEN_ENV, "GUIJI_DASHBOARD_IT_UNSET_VARIABLE");
        assertThatThrownBy(() -> DashboardConfig.from(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("guiji.dashboard.bind")
                .hasMessageContaining("access token");

        try (Connection c =
                        java.sql.DriverManager.getConnection(PG.jdbcUrl(), READER, PG.password());
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("DELETE FROM coverage_snapshot"))
                    .as("the dashboard's role is read-only")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    /** The live page in a real browser: a new snapshot in PostgreSQL shows within seconds. */
    @Test
    void anOpenPageShowsANewSnapshotWithinSeconds() throws Exception {
        store(snapshot(1, "2026-11-01T10:00:00"));
        WebDriver browser = headlessChromium();
        try (DashboardServer server = DashboardServer.start(config(null))) {
            browser.get(uri(server, "/").toString());
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(
                            d ->
                                    d.findElement(By.tagName("body")).getAttribute("data-drawn")
                                            != null);
            String before = browser.findElement(By.id("dept-coverage")).getText();
            JsonNode later = store(snapshot(3, "2026-11-01T10:05:00"));
            String expected = String.format("%.1f%%", later.get("dept_coverage").asDouble() * 100);
            assertThat(expected).isNotEqualTo(before);

            long start = System.nanoTime();
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(d -> d.findElement(By.id("dept-coverage")).getText().equals(expected));
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(browser.findElement(By.id("live-status")).getText()).startsWith("实时");
            assertThat(
                            browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                                    .map(e -> e.getMessage())
                                    .toList())
                    .isEmpty();
        } finally {
            browser.quit();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static WebDriver headlessChromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    private static Configuration baseConf() {
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.POSTGRES_URL, PG.jdbcUrl());
        conf.set(GuijiOptions.DASHBOARD_POSTGRES_USER, READER);
        conf.set(GuijiOptions.DASHBOARD_PORT, 0);
        conf.set(GuijiOptions.DASHBOARD_REFRESH, Duration.ofSeconds(1));
        return conf;
    }

    private static DashboardConfig config(String token) throws IOException {
        Configuration conf = baseConf();
        if (token != null) {
            Path file = Files.createTempFile("guiji-dashboard-token", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, token + "\n");
            conf.set(GuijiOptions.DASHBOARD_TOKEN_FILE, file.toString());
        }
        return DashboardConfig.from(conf);
    }

    private HttpResponse<String> get(DashboardServer server, String path, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(DashboardServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    /**
     * A snapshot of three catalogued departments of which {@code covered} have supplied a
     * catalogued type, as PostgresFeed would upsert it (the JSON of coverage.json in {@code
     * snapshot}).
     */
    private static CoverageSnapshot snapshot(int covered, String generatedAt) {
        List<CatalogEntry> catalog =
                List.of(
                        entry("SCJG01", "市场监督管理局", RecordType.penalty),
                        entry("HBJ01", "生态环境局", RecordType.inspection),
                        entry("SWJ01", "税务局", RecordType.penalty));
        String[] order = {"SCJG01", "SWJ01", "HBJ01"};
        Map<String, DeptCounters> counters = new HashMap<>();
        for (int i = 0; i < covered; i++) {
            String type = order[i].equals("HBJ01") ? "inspection" : "penalty";
            counters.put(
                    order[i],
                    new DeptCounters(
                            order[i],
                            5L,
                            4L,
                            1L,
                            0L,
                            4L,
                            4L,
                            3L,
                            new HashMap<>(Map.of(type, 4L)),
                            new HashMap<>(Map.of("MISSING_FIELD", 1L)),
                            0L,
                            0L,
                            0L,
                            0L));
        }
        return CoverageCalculator.compute(catalog, counters, 0.95, "2026", generatedAt);
    }

    private static CatalogEntry entry(String dept, String name, RecordType type) {
        return CatalogEntry.newBuilder()
                .setDeptCode(dept)
                .setDeptName(name)
                .setDivisionCode("211302")
                .setRecordType(type)
                .build();
    }

    /** Upserts the snapshot as the streaming job's PostgreSQL feed does; returns its JSON. */
    private static JsonNode store(CoverageSnapshot s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = OutputJson.generator(out)) {
            OutputJson.write(g, s);
        }
        String json = out.toString(StandardCharsets.UTF_8);
        try (Connection c = PG.connection();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO coverage_snapshot AS t (period, generated_at, dept_coverage, item_coverage, target, status, snapshot)"
                                        + " VALUES (?, ?::timestamp, ?, ?, ?, ?, ?::jsonb)"
                                        + " ON CONFLICT (period) DO UPDATE SET generated_at = EXCLUDED.generated_at,"
                                        + " dept_coverage = EXCLUDED.dept_coverage, item_coverage = EXCLUDED.item_coverage,"
                                        + " target = EXCLUDED.target, status = EXCLUDED.status, snapshot = EXCLUDED.snapshot")) {
            st.setString(1, s.getPeriod());
            st.setString(2, s.getGeneratedAt());
            st.setDouble(3, s.getDeptCoverage());
            st.setDouble(4, s.getItemCoverage());
            st.setDouble(5, s.getTarget());
            st.setString(6, s.getStatus());
            st.setString(7, json);
            st.executeUpdate();
        }
        try (Connection c = PG.connection();
                PreparedStatement st =
                        c.prepareStatement(
                                "INSERT INTO coverage_history (period, generated_at, dept_coverage, item_coverage, target, status)"
                                        + " VALUES (?, ?::timestamp, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, s.getPeriod());
            st.setString(2, s.getGeneratedAt());
            st.setDouble(3, s.getDeptCoverage());
            st.setDouble(4, s.getItemCoverage());
            st.setDouble(5, s.getTarget());
            st.setString(6, s.getStatus());
            st.executeUpdate();
        }
        return JSON.readTree(json);
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of("..", "deploy", "postgres", file), StandardCharsets.UTF_8);
    }
}
