package io.guiji.jobs.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.guiji.jobs.config.DashboardConfig;
import io.guiji.jobs.config.PostgresLogin;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.coverage.page.CoveragePageHtml;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code guiji dashboard}: the coverage page served live from PostgreSQL by the JDK's HTTP server.
 * {@code GET /} is the page, whose script asks {@code GET /coverage.json} (the page model) again
 * every {@code guiji.dashboard.refresh}. {@code GET /review} is the review page ({@link
 * ReviewDesk}), linked from the coverage page's header; {@code POST /review/decisions} records a
 * decision there when the dashboard was started with the streaming configuration (Kafka), and is
 * the only write. Nothing else is served, no other method answered.
 *
 * <p>With an access token every request must carry it: as {@code Authorization: Bearer <token>}, or
 * as the cookie that {@code GET /?token=<token>} sets (HttpOnly, SameSite=Strict) before
 * redirecting to {@code /}, so that the token leaves the address bar and the browser's history
 * keeps only {@code /}. Without a token the server listens on loopback only ({@link
 * DashboardConfig#from}).
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    static final String COOKIE = "guiji_dashboard_token";

    private final HttpServer server;
    private final ExecutorService executor;
    private final SnapshotReader reader;
    private final LiveCoverage live;
    private final ReviewDesk review;
    private final byte[] token;
    private final long refreshMillis;

    private DashboardServer(DashboardConfig config, StreamConfig stream) throws IOException {
        this.reader = new SnapshotReader(config.jdbcUrl(), config.user(), config.password());
        this.live = new LiveCoverage(reader);
        this.review =
                new ReviewDesk(
                        new PostgresLogin(config.jdbcUrl(), config.user(), config.password()),
                        stream);
        this.token =
                config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
        this.refreshMillis = config.refresh().toMillis();
        this.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        this.executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts serving, the review page read-only; {@link #close} stops. */
    public static DashboardServer start(DashboardConfig config) throws IOException {
        return start(config, null);
    }

    /**
     * Starts serving; with {@code stream} (the streaming job's configuration) the review page
     * records decisions on its decisions topic. {@link #close} stops.
     */
    public static DashboardServer start(DashboardConfig config, StreamConfig stream)
            throws IOException {
        DashboardServer s = new DashboardServer(config, stream);
        s.server.start();
        return s;
    }

    /** The address it listens on (the actual port when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            String method = "/review/decisions".equals(path) ? "POST" : "GET";
            if (!method.equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", method);
                send(ex, 405, "text/plain", "only " + method);
                return;
            }
            if (token != null && "/".equals(path) && query(uri, "token") != null) {
                login(ex, query(uri, "token"));
                return;
            }
            if (token != null && !authorized(ex)) {
                send(
                        ex,
                        401,
                        "text/plain; charset=utf-8",
                        "guiji dashboard: access token required (open /?token=… once, or send Authorization: Bearer …)");
                return;
            }
            switch (path) {
                case "/" ->
                        send(
                                ex,
                                200,
                                "text/html; charset=utf-8",
                                withReviewLink(
                                        CoveragePageHtml.render(
                                                live.page(), "coverage.json", refreshMillis)));
                case "/coverage.json" ->
                        send(
                                ex,
                                200,
                                "application/json; charset=utf-8",
                                CoveragePageHtml.json(live.page()));
                case "/review" -> sendPage(ex, review.show());
                case "/review/decisions" -> sendPage(ex, review.decide(ex));
                default -> send(ex, 404, "text/plain", "not found");
            }
        } catch (Exception e) {
            LOG.warn("guiji dashboard: {} failed: {}", ex.getRequestURI().getPath(), e.toString());
            try {
                send(
                        ex,
                        503,
                        "text/plain; charset=utf-8",
                        (path(ex).startsWith("/review") ? "review page" : "coverage")
                                + " unavailable: "
                                + e.getClass().getSimpleName());
            } catch (IOException ignored) {
                // the response had begun: the client sees a broken one
            }
        }
    }

    private static String path(HttpExchange ex) {
        return ex.getRequestURI().getPath();
    }

    /** The coverage page with a link to the review page beside its title. */
    static String withReviewLink(String html) {
        return html.replaceFirst(
                "<h1 id=\"title\">",
                "<a id=\"review-link\" href=\"/review\" style=\"float:right;font-size:14px;margin-left:16px\">人工审核 →</a>"
                        + "<h1 id=\"title\">");
    }

    private static void sendPage(HttpExchange ex, ReviewDesk.Page page) throws IOException {
        ex.getResponseHeaders()
                .set(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        ex.getResponseHeaders().set("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the
        // page's own form, which the review desk could not tell from a forged one.
        ex.getResponseHeaders().set("Referrer-Policy", "same-origin");
        send(ex, page.status(), "text/html; charset=utf-8", page.html());
    }

    private void login(HttpExchange ex, String offered) throws IOException {
        if (!matches(offered)) {
            send(ex, 401, "text/plain; charset=utf-8", "guiji dashboard: wrong access token");
            return;
        }
        ex.getResponseHeaders()
                .add("Set-Cookie", COOKIE + "=" + offered + "; Path=/; HttpOnly; SameSite=Strict");
        ex.getResponseHeaders().add("Location", "/");
        ex.sendResponseHeaders(303, -1);
    }

    private boolean authorized(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer ") && matches(auth.substring(7).trim())) {
            return true;
        }
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String c : header.split(";")) {
                String[] kv = c.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE) && matches(kv[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Constant-time comparison, so that timing tells nothing of the token. */
    private boolean matches(String offered) {
        return MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.UTF_8));
    }

    private static String query(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String part : q.split("&")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2 && kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().putIfAbsent("Referrer-Policy", java.util.List.of("no-referrer"));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        reader.close();
    }
}
