package io.guiji.jobs.dashboard;

import com.sun.net.httpserver.HttpExchange;
import io.guiji.jobs.config.PostgresLogin;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.review.ReviewQueue;
import io.guiji.jobs.review.ReviewStream;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's review page: {@code GET /review} shows the work list and the latest decisions
 * from PostgreSQL; {@code POST /review/decisions} records a decision exactly as {@code guiji review
 * accept|reject|no-link --config} does ({@link ReviewQueue#decision}, {@link ReviewStream#send}: on
 * the decisions topic, which the streaming job applies at once).
 *
 * <p>Writing needs the streaming configuration (Kafka); without it the page is read-only. A POST
 * passes the dashboard's access-token rule first ({@link DashboardServer}), then must come from
 * this page: no other origin ({@code Origin}, {@code Sec-Fetch-Site}), a form body, and a valid
 * anti-forgery token ({@link CsrfTokens}) — else 403 and nothing is written. The reviewer names
 * themselves in a required field; the request's remote address goes into the reason, since the
 * decision has no other field for it.
 */
final class ReviewDesk {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewDesk.class);
    private static final int MAX_BODY = 64 * 1024;

    private final PostgresLogin login;
    private final StreamConfig stream;
    private final CsrfTokens csrf = new CsrfTokens();

    /** {@code stream} null: read-only. */
    ReviewDesk(PostgresLogin login, StreamConfig stream) {
        this.login = login;
        this.stream = stream;
    }

    /** A page to send. */
    record Page(int status, String html) {}

    Page show() {
        return new Page(
                200,
                ReviewPageHtml.render(
                        ReviewStream.pending(login),
                        ReviewStream.history(login),
                        stream == null ? null : csrf.issue()));
    }

    Page decide(HttpExchange ex) throws IOException {
        if (stream == null) {
            return refused(
                    403,
                    "只读：本仪表板未配置 Kafka（guiji.kafka.bootstrap-servers），不能记录决定。"
                            + "Read-only: start guiji dashboard with the streaming job's configuration to record decisions.");
        }
        if (!sameOrigin(
                ex.getRequestHeaders().getFirst("Sec-Fetch-Site"),
                ex.getRequestHeaders().getFirst("Origin"),
                ex.getRequestHeaders().getFirst("Host"))) {
            return refused(403, "拒绝：请求来自其他站点。Refused: cross-origin request.");
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return refused(
                    415, "拒绝：需要表单提交。Refused: expected a form (application/x-www-form-urlencoded).");
        }
        Map<String, String> form;
        try {
            form = form(ex.getRequestBody());
        } catch (IllegalArgumentException e) {
            return refused(400, "拒绝：" + e.getMessage());
        }
        if (!csrf.valid(form.get("csrf"))) {
            return refused(
                    403,
                    "拒绝：页面令牌无效或已过期，请重新打开审核页后再提交。Refused: missing or invalid anti-forgery token; reload /review.");
        }
        ReviewDecision d;
        try {
            d = decision(form, ex.getRemoteAddress().getAddress().getHostAddress());
        } catch (IllegalArgumentException e) {
            return refused(400, "拒绝：" + e.getMessage());
        }
        try {
            ReviewStream.Sent sent = ReviewStream.send(stream, d);
            LOG.info(
                    "guiji dashboard: {} {} {} recorded as {} by {} from {}",
                    d.getAction(),
                    d.getScope(),
                    d.getSubject(),
                    d.getDecisionId(),
                    d.getDecidedBy(),
                    ex.getRemoteAddress());
            return new Page(
                    200,
                    ReviewPageHtml.outcome(
                            true,
                            "决定已记录",
                            ReviewPageHtml.actionLabel(d.getAction())
                                    + " 已记录为 "
                                    + d.getDecisionId()
                                    + "（"
                                    + sent.topic()
                                    + " 分区 "
                                    + sent.partition()
                                    + "，偏移 "
                                    + sent.offset()
                                    + "）；流式作业即刻应用，并重新发布受影响的记录。"));
        } catch (RuntimeException e) {
            LOG.warn("guiji dashboard: decision not recorded: {}", e.getMessage());
            return refused(503, "决定未记录：" + e.getMessage());
        }
    }

    /**
     * The decision the form asks for; a missing or unusable field is an {@link
     * IllegalArgumentException}.
     */
    static ReviewDecision decision(Map<String, String> form, String remote) {
        String reviewer = required(form, "reviewer", "审核人", 100);
        String reason = required(form, "reason", "理由", 1000);
        String subject = required(form, "subject", "审核对象", 1000);
        ReviewScope scope;
        try {
            scope = ReviewScope.valueOf(form.getOrDefault("scope", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scope 须为 RECORD 或 NAME");
        }
        String choice = form.getOrDefault("choice", "");
        int colon = choice.indexOf(':');
        ReviewAction action;
        try {
            action = ReviewAction.valueOf(colon < 0 ? choice : choice.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("未选择决定（接受、拒绝或不关联）");
        }
        String enterprise = colon < 0 ? "" : choice.substring(colon + 1).strip();
        ReviewDecision.Builder b =
                ReviewQueue.decision(
                                action,
                                reviewer,
                                reason + " [guiji dashboard, from " + remote + "]")
                        .setScope(scope)
                        .setSubject(subject);
        switch (action) {
            case ACCEPT, REJECT -> {
                if (enterprise.isEmpty()) {
                    throw new IllegalArgumentException("接受或拒绝须指明候选企业");
                }
                b.setEnterpriseId(enterprise);
            }
            case NO_LINK -> {}
            default ->
                    throw new IllegalArgumentException("此页只能接受、拒绝或不关联；撤回请用 guiji review withdraw");
        }
        return b.build();
    }

    private static String required(Map<String, String> form, String field, String label, int max) {
        String v = form.getOrDefault(field, "").strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("请填写" + label + "（" + field + "）");
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(label + "（" + field + "）超过 " + max + " 个字符");
        }
        return v;
    }

    /**
     * No browser sign of another origin: {@code Sec-Fetch-Site}, when sent, must be same-origin (or
     * none: typed by the user), and an {@code Origin} header must name this host ({@code null}, an
     * opaque origin, is refused). A client that sends neither (curl) still needs the page's token.
     * Behind a reverse proxy, the proxy must pass the {@code Host} header on.
     */
    static boolean sameOrigin(String secFetchSite, String origin, String host) {
        if (secFetchSite != null
                && !secFetchSite.equals("same-origin")
                && !secFetchSite.equals("none")) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        return host != null
                && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("表单过大");
        }
        Map<String, String> form = new HashMap<>();
        String s = new String(bytes, StandardCharsets.US_ASCII);
        for (String part : s.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String v = kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            if (form.putIfAbsent(k, v) != null) {
                throw new IllegalArgumentException("字段重复：" + k);
            }
        }
        return form;
    }

    private static Page refused(int status, String message) {
        return new Page(status, ReviewPageHtml.outcome(false, "未记录", message));
    }
}
