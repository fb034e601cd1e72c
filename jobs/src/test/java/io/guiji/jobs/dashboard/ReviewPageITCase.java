package io.guiji.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.json.ReviewLog;
import io.guiji.jobs.config.DashboardConfig;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PostgresExtension;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's review page against a real PostgreSQL (guiji's tables, read as a login role of
 * {@code guiji_reader}) and a real Kafka broker: the work list of {@code guiji review list} is
 * shown with every text escaped; a decision posted with the page's anti-forgery token lands on the
 * decisions topic with the reviewer and the reason; a post without that token, with a wrong one,
 * from another origin, without the access token, or to a dashboard without Kafka is refused and
 * writes nothing; a broker that cannot be reached is a clear error page, not a stack trace.
 */
class ReviewPageITCase {
    private static final String READER = "guiji_review_page_it";
    private static final String TOKEN = "0123456789abcdef-review-token";
    private static final String HOSTILE = "<script>alert(\"名称\")</script>&'某某商贸";
    private static final String HOSTILE_ESCAPED =
            "&lt;script&gt;alert(&quot;名称&quot;)&lt;/script&gt;&amp;&#39;某某商贸";
    private static final String FIRST = "91210000MA0Y1K2P3X";
    private static final String SECOND = "91210000MA0Y9Z8Q7W";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void tablesRolesAndUncertainRecords() throws Exception {
        try (Connection c = PG.connection();
                Statement s = c.createStatement()) {
            s.execute(read("schema.sql"));
            s.execute(read("roles.sql"));
            s.execute(
                    "DO $$ BEGIN CREATE ROLE "
                            + READER
                            + " LOGIN IN ROLE guiji_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;");
            s.execute("DELETE FROM unified_record");
            s.execute("DELETE FROM review_decisions");
        }
        unified("r1", HOSTILE, "<b>" + HOSTILE + "</b>");
        unified("r2", HOSTILE, "<b>" + HOSTILE + "</b>");
        unified("r3", "朝阳市另一家商贸有限公司", "朝阳市另一家商贸有限公司");
    }

    @Test
    void theQueueIsShownEscapedAndReadOnlyWithoutKafka() throws Exception {
        try (DashboardServer server = DashboardServer.start(config(null))) {
            HttpResponse<String> page = get(server, "/review", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValue("text/html; charset=utf-8");
            String html = page.body();
            assertThat(html)
                    .contains("人工审核")
                    .contains(HOSTILE_ESCAPED)
                    .contains("&lt;b&gt;" + HOSTILE_ESCAPED + "&lt;/b&gt;")
                    .doesNotContain("<script>")
                    .doesNotContain("<b>")
                    .contains(FIRST)
                    .contains(SECOND)
                    .contains("0.910")
                    .contains("r1, r2")
                    .contains("朝阳市另一家商贸有限公司")
                    .contains("只读")
                    .doesNotContain("name=\"csrf\"");
            assertThat(html.indexOf(HOSTILE_ESCAPED))
                    .as("two records settle with one decision: ranked first")
                    .isLessThan(html.indexOf("朝阳市另一家商贸有限公司"));
            assertThat(page.headers().firstValue("Referrer-Policy"))
                    .as("else a browser posts the page's own form with Origin: null")
                    .hasValue("same-origin");
            HttpResponse<String> coverage = get(server, "/", null);
            assertThat(coverage.body()).contains("href=\"/review\"");
            assertThat(coverage.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

            HttpResponse<String> post =
                    post(server, form("anything", "ACCEPT:" + FIRST, "张三", "核对营业执照"), null, null);
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(post.body()).contains("只读").doesNotContain("Exception");
            assertThat(get(server, "/review/decisions", null).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aDecisionPostedWithThePagesTokenIsOnTheDecisionsTopic() throws Exception {
        String topic = newTopic();
        try (DashboardServer server = DashboardServer.start(config(null), stream(topic))) {
            String csrf = csrf(get(server, "/review", null).body());
            HttpResponse<String> post =
                    post(
                            server,
                            form(csrf, "ACCEPT:" + FIRST, "张三", "核对营业执照 <i>无误</i>"),
                            null,
                            null);
            assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
            assertThat(post.body()).contains("决定已记录");

            List<ReviewDecision> onTopic = decisions(topic);
            assertThat(onTopic).hasSize(1);
            ReviewDecision d = onTopic.get(0);
            assertThat(d.getAction()).isEqualTo(ReviewAction.ACCEPT);
            assertThat(d.getScope()).isEqualTo(ReviewScope.NAME);
            assertThat(d.getSubject()).isEqualTo(HOSTILE);
            assertThat(d.getEnterpriseId()).isEqualTo(FIRST);
            assertThat(d.getDecidedBy()).isEqualTo("张三");
            assertThat(d.getReason()).startsWith("核对营业执照 <i>无误</i>").contains("127.0.0.1");
            assertThat(post.body()).contains(d.getDecisionId());

            HttpResponse<String> noLink =
                    post(server, form(csrf, "NO_LINK:", "李四", "非本地企业"), null, null);
            assertThat(noLink.statusCode()).as(noLink.body()).isEqualTo(200);
            assertThat(decisions(topic))
                    .extracting(ReviewDecision::getAction)
                    .containsExactly(ReviewAction.ACCEPT, ReviewAction.NO_LINK);

            HttpResponse<String> noReviewer =
                    post(server, form(csrf, "REJECT:" + SECOND, " ", "不符"), null, null);
            assertThat(noReviewer.statusCode()).isEqualTo(400);
            assertThat(noReviewer.body()).contains("审核人");
            assertThat(decisions(topic)).hasSize(2);
        }
    }

    @Test
    void aPostWithoutTheRightTokensOrFromAnotherOriginIsRefusedAndWritesNothing() throws Exception {
        String topic = newTopic();
        try (DashboardServer server = DashboardServer.start(config(TOKEN), stream(topic))) {
            String bearer = "Bearer " + TOKEN;
            String csrf = csrf(get(server, "/review", bearer).body());
            String reason = "核对营业执照";

            assertThat(post(server, form(null, "ACCEPT:" + FIRST, "张三", reason), bearer, null))
                    .extracting(HttpResponse::statusCode)
                    .as("no anti-forgery token")
                    .isEqualTo(403);
            assertThat(
                            post(
                                    server,
                                    form(
                                            "1.x." + csrf.substring(csrf.lastIndexOf('.') + 1),
                                            "ACCEPT:" + FIRST,
                                            "张三",
                                            reason),
                                    bearer,
                                    null))
                    .extracting(HttpResponse::statusCode)
                    .as("a forged anti-forgery token")
                    .isEqualTo(403);
            assertThat(
                            post(
                                    server,
                                    form(csrf, "ACCEPT:" + FIRST, "张三", reason),
                                    bearer,
                                    "http://evil.example"))
                    .extracting(HttpResponse::statusCode)
                    .as("another origin")
                    .isEqualTo(403);
            assertThat(post(server, form(csrf, "ACCEPT:" + FIRST, "张三", reason), null, null))
                    .extracting(HttpResponse::statusCode)
                    .as("no access token")
                    .isEqualTo(401);
            assertThat(decisions(topic)).isEmpty();

            HttpResponse<String> ok =
                    post(
                            server,
                            form(csrf, "REJECT:" + SECOND, "张三", reason),
                            bearer,
                            "http://127.0.0.1:" + server.address().getPort());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(decisions(topic))
                    .extracting(ReviewDecision::getAction)
                    .containsExactly(ReviewAction.REJECT);
        }
    }

    @Test
    void aBrokerThatCannotBeReachedIsAClearErrorPage() throws Exception {
        Map<String, String> conf = streamConf(newTopic());
        conf.put(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "127.0.0.1:1");
        try (DashboardServer server =
                DashboardServer.start(
                        config(null), StreamConfig.from(Configuration.fromMap(conf)))) {
            String csrf = csrf(get(server, "/review", null).body());
            HttpResponse<String> post =
                    post(server, form(csrf, "ACCEPT:" + FIRST, "张三", "核对"), null, null);
            assertThat(post.statusCode()).isEqualTo(503);
            assertThat(post.body())
                    .contains("决定未记录")
                    .contains("guiji.kafka.bootstrap-servers")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String newTopic() {
        String topic = "review-page-decisions-" + TOPICS.incrementAndGet();
        KAFKA.createTopic(topic, 1);
        return topic;
    }

    private static Map<String, String> streamConf(String topic) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS.key(), KAFKA.bootstrapServers());
        c.put(GuijiOptions.KAFKA_GROUP_ID.key(), "guiji-review-page");
        c.put(GuijiOptions.TOPIC_REVIEW_DECISIONS.key(), topic);
        c.put("guiji.source.scjg-penalty.topic", "records.SCJG01.penalty");
        return c;
    }

    private static StreamConfig stream(String topic) {
        return StreamConfig.from(Configuration.fromMap(streamConf(topic)));
    }

    private static List<ReviewDecision> decisions(String topic) {
        return KAFKA.readCommitted(topic).stream()
                .map(ConsumerRecord::value)
                .map(v -> ReviewLog.parse(topic, v))
                .toList();
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("the page carries an anti-forgery token").isTrue();
        return m.group(1);
    }

    private static String form(String csrf, String choice, String reviewer, String reason) {
        Map<String, String> f = new LinkedHashMap<>();
        if (csrf != null) {
            f.put("csrf", csrf);
        }
        f.put("scope", "NAME");
        f.put("subject", HOSTILE);
        f.put("choice", choice);
        f.put("reviewer", reviewer);
        f.put("reason", reason);
        return f.entrySet().stream()
                .map(
                        e ->
                                e.getKey()
                                        + "="
                                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> get(DashboardServer server, String path, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(
            DashboardServer server, String body, String authorization, String origin)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri(server, "/review/decisions"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(DashboardServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private static DashboardConfig config(String token) throws IOException {
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.POSTGRES_URL, PG.jdbcUrl());
        conf.set(GuijiOptions.DASHBOARD_POSTGRES_USER, READER);
        conf.set(GuijiOptions.DASHBOARD_PORT, 0);
        if (token != null) {
            Path file = Files.createTempFile("guiji-review-token", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, token + "\n");
            conf.set(GuijiOptions.DASHBOARD_TOKEN_FILE, file.toString());
        }
        return DashboardConfig.from(conf);
    }

    /** An unlinked record with two candidates, as the streaming job's feed stores it. */
    private static void unified(String id, String name, String candidateName) throws Exception {
        String record =
                "{\"record_id\":\""
                        + id
                        + "\",\"link_method\":\"NONE\",\"subject_name\":"
                        + quote(name)
                        + ",\"uscc\":null,\"candidates\":[{\"enterprise_id\":\""
                        + FIRST
                        + "\",\"name\":"
                        + quote(candidateName)
                        + ",\"score\":0.91},{\"enterprise_id\":\""
                        + SECOND
                        + "\",\"name\":"
                        + quote(candidateName)
                        + ",\"score\":0.87}]}";
        try (Connection c = PG.connection();
                PreparedStatement s =
                        c.prepareStatement(
                                "INSERT INTO unified_record (record_id, version, record_type, dept_code, doc_no,"
                                        + " subject_name, decision_date, status, link_method, link_confidence,"
                                        + " quality_flags, record) VALUES (?, 1, 'penalty', 'SCJG01', ?, ?,"
                                        + " DATE '2026-11-01', 'ACTIVE', 'NONE', 0, '{}', ?::jsonb)")) {
            s.setString(1, id);
            s.setString(2, "朝市监罚〔2026〕" + id + "号");
            s.setString(3, name);
            s.setString(4, record);
            s.executeUpdate();
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of("..", "deploy", "postgres", file), StandardCharsets.UTF_8);
    }
}
