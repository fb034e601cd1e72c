package io.guiji.jobs.dashboard;

import io.guiji.jobs.coverage.Html;
import io.guiji.jobs.review.ReviewQueue;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.util.List;
import java.util.Locale;

/**
 * The review page's HTML, rendered on the server: the work list as {@code guiji review list
 * --config} computes it ({@link ReviewQueue}), one form per item to accept or reject a candidate or
 * to decide no link, and the latest decisions. Every text from the data (names, record ids,
 * reasons) goes through {@link Html#escape}: records hold whatever a department sent.
 */
final class ReviewPageHtml {
    /** How many items and decisions the page shows. */
    static final int SHOWN = 50;

    private ReviewPageHtml() {}

    /**
     * The page; {@code csrf} is the anti-forgery token its forms carry, null when the dashboard
     * cannot record decisions (no Kafka in its configuration): the page is then read-only and says
     * how to enable it.
     */
    static String render(
            List<ReviewQueue.Item> pending, List<ReviewDecision> history, String csrf) {
        StringBuilder h = new StringBuilder(8192);
        head(h, "人工审核");
        h.append("<header><nav><a href=\"/\">← 归集覆盖率</a></nav><h1>人工审核：待确认的企业关联</h1>")
                .append(
                        "<div class=\"meta\">与 <code>guiji review list --config</code> 相同的队列：未关联但有候选企业的记录，按一次决定可确定的记录数排序。</div></header><main>");
        if (csrf == null) {
            h.append(
                    "<p class=\"readonly\">只读：本仪表板未配置 Kafka，不能记录决定。"
                            + "以流式作业的配置启动 <code>guiji dashboard --config FILE</code>"
                            + "（含 guiji.kafka.bootstrap-servers 与 guiji.kafka.topic.review-decisions）即可在此审核；"
                            + "或在命令行使用 <code>guiji review accept|reject|no-link --config FILE</code>。</p>");
        }
        h.append("<section><h2>待审核（共 ").append(pending.size()).append(" 项");
        if (pending.size() > SHOWN) {
            h.append("，显示前 ").append(SHOWN).append(" 项");
        }
        h.append("）</h2>");
        if (pending.isEmpty()) {
            h.append("<p class=\"note\">没有待审核的关联。</p>");
        }
        int n = 0;
        for (ReviewQueue.Item i : pending.subList(0, Math.min(SHOWN, pending.size()))) {
            item(h, ++n, i, csrf);
        }
        h.append("</section><section><h2>最近的决定</h2>");
        history(h, history);
        h.append("</section></main></body></html>\n");
        return h.toString();
    }

    private static void item(StringBuilder h, int n, ReviewQueue.Item i, String csrf) {
        boolean byName = i.scope() == ReviewScope.NAME;
        h.append("<div class=\"item\"><h3>")
                .append(n)
                .append(". ")
                .append(byName ? "主体名称 " : "记录 ")
                .append("<span class=\"subject\">")
                .append(Html.escape(i.subject()))
                .append("</span>（")
                .append(i.recordIds().size())
                .append(" 条记录）</h3><div class=\"note\">记录：")
                .append(
                        Html.escape(
                                String.join(
                                        ", ",
                                        i.recordIds()
                                                .subList(0, Math.min(5, i.recordIds().size())))))
                .append(i.recordIds().size() > 5 ? ", …" : "")
                .append("</div>");
        if (csrf != null) {
            h.append("<form method=\"post\" action=\"/review/decisions\">")
                    .append(hidden("csrf", csrf))
                    .append(hidden("scope", i.scope().name()))
                    .append(hidden("subject", i.subject()));
        }
        h.append("<table><thead><tr><th>候选企业</th><th>企业名称</th><th>得分</th>")
                .append(csrf != null ? "<th>决定</th>" : "")
                .append("</tr></thead><tbody>");
        for (ReviewQueue.Candidate c : i.candidates()) {
            h.append("<tr><td>")
                    .append(Html.escape(c.enterpriseId()))
                    .append("</td><td>")
                    .append(Html.escape(c.name()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", c.score()))
                    .append("</td>");
            if (csrf != null) {
                h.append("<td>")
                        .append(button(ReviewAction.ACCEPT, c.enterpriseId(), "接受"))
                        .append(button(ReviewAction.REJECT, c.enterpriseId(), "拒绝"))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        if (csrf != null) {
            h.append(
                            "<div class=\"decide\"><label>审核人 <input name=\"reviewer\" required maxlength=\"100\"></label> ")
                    .append(
                            "<label>理由 <input name=\"reason\" required maxlength=\"1000\" size=\"40\"></label> ")
                    .append(button(ReviewAction.NO_LINK, "", "不关联任何企业"))
                    .append("</div></form>");
        }
        h.append("</div>");
    }

    private static void history(StringBuilder h, List<ReviewDecision> all) {
        if (all.isEmpty()) {
            h.append("<p class=\"note\">尚无决定。</p>");
            return;
        }
        h.append("<table><thead><tr><th>时间</th><th>决定</th><th>范围</th><th>对象</th><th>企业</th>")
                .append("<th>审核人</th><th>理由</th><th>编号</th></tr></thead><tbody>");
        for (int k = all.size() - 1; k >= Math.max(0, all.size() - SHOWN); k--) {
            ReviewDecision d = all.get(k);
            h.append("<tr><td>")
                    .append(Html.escape(d.getDecidedAt()))
                    .append("</td><td>")
                    .append(actionLabel(d.getAction()))
                    .append("</td><td>")
                    .append(d.getScope() == ReviewScope.NAME ? "名称" : "记录")
                    .append("</td><td>")
                    .append(Html.escape(d.getSubject()))
                    .append("</td><td>")
                    .append(
                            Html.escape(
                                    d.getEnterpriseId() != null
                                            ? d.getEnterpriseId()
                                            : d.getWithdraws() != null
                                                    ? "撤回 " + d.getWithdraws()
                                                    : ""))
                    .append("</td><td>")
                    .append(Html.escape(d.getDecidedBy()))
                    .append("</td><td class=\"text\">")
                    .append(Html.escape(d.getReason()))
                    .append("</td><td><code>")
                    .append(Html.escape(d.getDecisionId()))
                    .append("</code></td></tr>");
        }
        h.append("</tbody></table>");
        if (all.size() > SHOWN) {
            h.append("<p class=\"note\">共 ")
                    .append(all.size())
                    .append(" 项，显示最近 ")
                    .append(SHOWN)
                    .append(" 项；全部见 <code>guiji review history --config FILE</code>。</p>");
        }
    }

    /** The page after a decision was recorded, or a refusal ({@code ok} false) and why. */
    static String outcome(boolean ok, String title, String message) {
        StringBuilder h = new StringBuilder(1024);
        head(h, title);
        h.append("<header><h1>")
                .append(Html.escape(title))
                .append("</h1></header><main><section><p class=\"")
                .append(ok ? "ok" : "error")
                .append("\">")
                .append(Html.escape(message))
                .append(
                        "</p><p><a href=\"/review\">返回人工审核</a></p></section></main></body></html>\n");
        return h.toString();
    }

    static String actionLabel(ReviewAction a) {
        return switch (a) {
            case ACCEPT -> "接受";
            case REJECT -> "拒绝";
            case NO_LINK -> "不关联";
            case WITHDRAW -> "撤回";
        };
    }

    private static String button(ReviewAction a, String enterpriseId, String label) {
        return "<button type=\"submit\" name=\"choice\" value=\""
                + Html.escape(a.name() + ":" + enterpriseId)
                + "\">"
                + label
                + "</button>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">";
    }

    private static void head(StringBuilder h, String title) {
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title><link rel=\"icon\" href=\"data:,\"><style>")
                .append(STYLE)
                .append("</style></head><body>");
    }

    private static final String STYLE =
            "body{margin:0;font-family:\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;"
                    + "color:#1f2933;background:#f5f7fa}"
                    + "header{padding:18px 28px 10px;background:#fff;border-bottom:1px solid #d9dee4}"
                    + "h1{margin:0;font-size:24px}h2{font-size:17px;margin:0 0 10px}h3{font-size:15px;margin:0 0 4px}"
                    + ".meta,.note{color:#616e7c;font-size:13px;margin:4px 0 8px}"
                    + "main{padding:16px 28px 40px;max-width:1400px;margin:0 auto}"
                    + "section{background:#fff;border:1px solid #d9dee4;border-radius:6px;padding:14px 18px;margin-bottom:16px}"
                    + ".item{border-top:1px solid #d9dee4;padding:10px 0}"
                    + "table{border-collapse:collapse;width:100%;font-size:13px}"
                    + "th,td{border-bottom:1px solid #d9dee4;padding:6px 8px;text-align:left}th{background:#eef1f5}"
                    + ".decide{margin-top:8px}button{margin-right:6px}"
                    + ".readonly,.error{color:#c62828;font-weight:700}.ok{color:#2e7d32;font-weight:700}";
}
