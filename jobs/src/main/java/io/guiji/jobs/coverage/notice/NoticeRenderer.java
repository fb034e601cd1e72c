package io.guiji.jobs.coverage.notice;

import io.guiji.jobs.coverage.Html;
import io.guiji.jobs.coverage.notice.NoticeModel.Dept;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A notice (通报) as Markdown and as a printable HTML page, in Chinese, from its {@link NoticeModel}
 * alone (pure functions: the same model gives the same text). The page has no external resource (no
 * script, font, image or style sheet from elsewhere), so it opens and prints offline.
 */
public final class NoticeRenderer {
    private NoticeRenderer() {}

    /** The notice's title. */
    public static String title(NoticeModel m) {
        return "关于" + m.periodLabel() + "涉企监管信息归集情况的通报";
    }

    /** A notice as a document: its title, then sections of paragraphs and tables. */
    private record Section(String heading, List<Object> blocks) {}

    /** A table: header cells, then rows. */
    private record Table(List<String> header, List<List<String>> rows) {}

    public static String markdown(NoticeModel m) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title(m)).append("\n\n");
        for (Section s : sections(m)) {
            b.append("## ").append(s.heading()).append("\n\n");
            for (Object block : s.blocks()) {
                if (block instanceof Table t) {
                    b.append("| ").append(String.join(" | ", md(t.header()))).append(" |\n");
                    b.append("|").append("---|".repeat(t.header().size())).append("\n");
                    for (List<String> row : t.rows()) {
                        b.append("| ").append(String.join(" | ", md(row))).append(" |\n");
                    }
                    b.append("\n");
                } else {
                    b.append(block).append("\n\n");
                }
            }
        }
        b.append("---\n\n").append(footer(m)).append("\n");
        return b.toString();
    }

    public static String html(NoticeModel m) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>")
                .append(Html.escape(title(m)))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>")
                .append(Html.escape(title(m)))
                .append("</h1>\n");
        for (Section s : sections(m)) {
            b.append("<h2>").append(Html.escape(s.heading())).append("</h2>\n");
            for (Object block : s.blocks()) {
                if (block instanceof Table t) {
                    b.append("<table>\n<thead><tr>");
                    for (String h : t.header()) {
                        b.append("<th>").append(Html.escape(h)).append("</th>");
                    }
                    b.append("</tr></thead>\n<tbody>\n");
                    for (List<String> row : t.rows()) {
                        b.append("<tr>");
                        for (String c : row) {
                            b.append("<td>").append(Html.escape(c)).append("</td>");
                        }
                        b.append("</tr>\n");
                    }
                    b.append("</tbody>\n</table>\n");
                } else {
                    b.append("<p>").append(Html.escape(block.toString())).append("</p>\n");
                }
            }
        }
        b.append("<footer>")
                .append(Html.escape(footer(m)))
                .append("</footer>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static final String STYLE =
            """
            body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
                   color: #111; background: #fff; margin: 0; }
            main { max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.7; }
            h1 { text-align: center; font-size: 1.6rem; margin-bottom: 1.5rem; }
            h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #999; }
            p { text-indent: 2em; margin: 0.5rem 0; }
            table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.95rem; }
            th, td { border: 1px solid #666; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
            th { background: #eee; }
            footer { margin-top: 2rem; font-size: 0.85rem; color: #444; border-top: 1px solid #999; padding-top: 0.5rem; }
            @media print {
              main { margin: 0; max-width: none; }
              th { background: #ddd; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              tr, h2 { break-inside: avoid; page-break-inside: avoid; }
              h2 { break-after: avoid; page-break-after: avoid; }
            }
            """;

    private static List<Section> sections(NoticeModel m) {
        List<Section> out = new ArrayList<>();
        out.add(new Section("一、总体情况", overall(m)));
        out.add(new Section("二、未归集的部门和事项", uncovered(m)));
        out.add(new Section("三、公示时效", timeliness(m)));
        if (m.previous() != null) {
            out.add(new Section("四、与上期比较", comparison(m)));
        }
        if (!m.uncatalogued().isEmpty()) {
            out.add(
                    new Section(
                            m.previous() != null ? "五、未列入资源目录的报送部门" : "四、未列入资源目录的报送部门",
                            uncatalogued(m)));
        }
        return out;
    }

    private static List<Object> overall(NoticeModel m) {
        List<Object> blocks = new ArrayList<>();
        String range =
                m.periodFrom() == null
                        ? "本期（" + m.periodLabel() + "）"
                        : "本期（"
                                + m.periodLabel()
                                + "，按决定日期 "
                                + m.periodFrom()
                                + " 至 "
                                + m.periodTo()
                                + "）";
        String headline =
                range
                        + "，资源目录内 "
                        + m.depts()
                        + " 个部门中 "
                        + m.coveredDepts()
                        + " 个已归集数据，部门覆盖率 "
                        + pct(m.deptCoverage())
                        + "，目标 "
                        + pct(m.target())
                        + "，"
                        + ("MET".equals(m.status()) ? "已达标" : "未达标")
                        + "；目录事项 "
                        + m.items()
                        + " 项中已归集 "
                        + m.coveredItems()
                        + " 项，事项覆盖率 "
                        + pct(m.itemCoverage())
                        + "。";
        if (m.previous() != null) {
            headline +=
                    "与上期（"
                            + m.previous().periodLabel()
                            + "）相比，部门覆盖率"
                            + change(m.deptCoverage(), m.previous().deptCoverage())
                            + "，事项覆盖率"
                            + change(m.itemCoverage(), m.previous().itemCoverage())
                            + "。";
        }
        blocks.add(headline);
        if (m.timeliness() != null) {
            NoticeModel.Timeliness t = m.timeliness();
            blocks.add(
                    "行政许可、行政处罚信息应于决定之日起 "
                            + t.deadlineWorkingDays()
                            + " 个工作日内归集公示。本期按时 "
                            + t.timely()
                            + " 条、超期 "
                            + t.late()
                            + " 条，按时率 "
                            + pct(t.rate())
                            + (t.unknown() > 0
                                    ? "；另有 " + t.unknown() + " 条无法评估（缺少接收日期或日期超出工作日历年份）"
                                    : "")
                            + "。");
        }
        return blocks;
    }

    private static List<Object> uncovered(NoticeModel m) {
        List<Object> blocks = new ArrayList<>();
        if (m.uncovered().isEmpty()) {
            blocks.add("本期资源目录内各部门、各事项均已归集数据。");
            return blocks;
        }
        long none = m.uncovered().stream().filter(d -> !d.covered()).count();
        blocks.add(
                "以下 "
                        + m.uncovered().size()
                        + " 个部门有目录事项未归集数据，其中 "
                        + none
                        + " 个部门本期未归集任何目录事项，请相关部门抓紧整改。");
        List<List<String>> rows = new ArrayList<>();
        for (Dept d : m.uncovered()) {
            rows.add(
                    List.of(
                            d.code(),
                            name(d),
                            d.division() == null ? "—" : d.division(),
                            d.covered() ? "部分事项未归集" : "未归集任何事项",
                            d.coveredItems() + "/" + d.cataloguedItems(),
                            String.join("、", d.uncoveredTypes()),
                            coverageChange(m, d)));
        }
        blocks.add(
                new Table(
                        List.of("部门代码", "部门名称", "行政区划", "情况", "已归集/目录事项", "未归集事项", "与上期相比"), rows));
        return blocks;
    }

    private static List<Object> timeliness(NoticeModel m) {
        List<Object> blocks = new ArrayList<>();
        if (m.timeliness() == null) {
            blocks.add("本期未评估公示时效。");
            return blocks;
        }
        if (m.late().isEmpty()) {
            blocks.add("本期各部门行政许可、行政处罚信息均在规定时限内归集。");
            return blocks;
        }
        blocks.add(
                "以下 "
                        + m.late().size()
                        + " 个部门有超过 "
                        + m.timeliness().deadlineWorkingDays()
                        + " 个工作日归集的行政许可、行政处罚信息（按时率由低到高排列）。");
        List<List<String>> rows = new ArrayList<>();
        for (Dept d : m.late()) {
            rows.add(
                    List.of(
                            d.code(),
                            name(d),
                            String.valueOf(d.timely()),
                            String.valueOf(d.late()),
                            pct(d.timelinessRate()),
                            m.previous() == null ? "—" : pct(d.change().previousTimelinessRate()),
                            m.previous() == null || d.change().previousTimelinessRate() == null
                                    ? "—"
                                    : change(
                                            d.timelinessRate(),
                                            d.change().previousTimelinessRate())));
        }
        blocks.add(new Table(List.of("部门代码", "部门名称", "按时", "超期", "按时率", "上期按时率", "变化"), rows));
        return blocks;
    }

    private static List<Object> comparison(NoticeModel m) {
        List<Object> blocks = new ArrayList<>();
        NoticeModel.Previous p = m.previous();
        List<Dept> fixed = m.nowCovered();
        List<String> newly = new ArrayList<>();
        List<String> still = new ArrayList<>();
        for (Dept d : m.uncovered()) {
            if (d.covered()) {
                continue;
            }
            if (Boolean.TRUE.equals(d.change().previousCovered())) {
                newly.add(label(d));
            } else if (Boolean.FALSE.equals(d.change().previousCovered())) {
                still.add(label(d));
            }
        }
        blocks.add(
                "上期（"
                        + p.periodLabel()
                        + "）部门覆盖率 "
                        + pct(p.deptCoverage())
                        + "、事项覆盖率 "
                        + pct(p.itemCoverage())
                        + "、按时率 "
                        + pct(p.timelinessRate())
                        + "；本期分别为 "
                        + pct(m.deptCoverage())
                        + "、"
                        + pct(m.itemCoverage())
                        + "、"
                        + pct(m.timeliness() == null ? null : m.timeliness().rate())
                        + "。");
        blocks.add(
                "已整改（上期未归集、本期已归集）："
                        + list(fixed.stream().map(NoticeRenderer::label).toList())
                        + "。");
        blocks.add("连续未归集（上期、本期均未归集）：" + list(still) + "。");
        blocks.add("新增未归集（上期已归集、本期未归集）：" + list(newly) + "。");
        return blocks;
    }

    private static List<Object> uncatalogued(NoticeModel m) {
        List<Object> blocks = new ArrayList<>();
        blocks.add(
                "以下部门报送了数据，但未列入资源目录，请核实并补充目录："
                        + list(m.uncatalogued().stream().map(NoticeRenderer::label).toList())
                        + "。");
        return blocks;
    }

    private static String footer(NoticeModel m) {
        return "数据来源：guiji 归集，生成于 "
                + m.generatedAt()
                + (m.periodFrom() == null ? "；统计范围为全部已归集数据" : "；统计期按决定日期计")
                + (m.timeliness() == null ? "" : "；工作日历：" + m.timeliness().calendar())
                + "。";
    }

    private static String coverageChange(NoticeModel m, Dept d) {
        if (m.previous() == null) {
            return "—";
        }
        Boolean before = d.change().previousCovered();
        if (before == null) {
            return "上期无此部门";
        }
        if (!d.covered()) {
            return before ? "新增未归集" : "连续未归集";
        }
        return before ? "上期已归集" : "上期未归集";
    }

    private static String label(Dept d) {
        return d.name() == null ? d.code() : d.name() + "（" + d.code() + "）";
    }

    private static String name(Dept d) {
        return d.name() == null ? "—" : d.name();
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "无" : String.join("、", names);
    }

    /** A ratio as a percentage with one decimal, e.g. 93.8%; — when there is none. */
    static String pct(Double ratio) {
        return ratio == null ? "—" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** The change from {@code before} to {@code now} in percentage points, in words. */
    static String change(Double now, Double before) {
        if (now == null || before == null) {
            return "无法比较";
        }
        double points = Math.round((now - before) * 1000) / 10.0;
        if (points == 0) {
            return "持平";
        }
        return (points > 0 ? "上升 " : "下降 ")
                + String.format(Locale.ROOT, "%.1f", Math.abs(points))
                + " 个百分点";
    }

    /** Markdown cells: a pipe or a line break would break the table. */
    private static List<String> md(List<String> cells) {
        return cells.stream()
                .map(c -> c == null ? "" : c.replace("|", "\\|").replace("\n", " "))
                .toList();
    }
}
