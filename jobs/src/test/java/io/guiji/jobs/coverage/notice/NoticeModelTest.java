package io.guiji.jobs.coverage.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.coverage.CoverageCalculator;
import io.guiji.jobs.coverage.CoveragePeriod;
import io.guiji.jobs.coverage.TimelinessRule;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.internal.DeptCounters;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notice (通报) from a hand-built coverage snapshot: who is uncovered, who is late, how each
 * compares with the previous period; and its Markdown and HTML.
 */
public class NoticeModelTest {
    static final TimelinessRule RULE = TimelinessRule.defaults();

    static CatalogEntry entry(String dept, String name, RecordType t) {
        return CatalogEntry.newBuilder()
                .setDeptCode(dept)
                .setDeptName(name)
                .setDivisionCode("211302")
                .setRecordType(t)
                .build();
    }

    /** SCJG01: penalty and licence; HBJ02: penalty; AJJ03: licence; JTJ04: inspection. */
    static final List<CatalogEntry> CATALOGUE =
            List.of(
                    entry("SCJG01", "朝阳市市场监督管理局", RecordType.penalty),
                    entry("SCJG01", "朝阳市市场监督管理局", RecordType.license),
                    entry("HBJ02", "朝阳市生态环境局", RecordType.penalty),
                    entry("AJJ03", "朝阳市应急管理局", RecordType.license),
                    entry("JTJ04", "朝阳市交通运输局", RecordType.inspection));

    static DeptCounters counters(
            String dept, Map<String, Long> acceptedByType, long timely, long late, long unknown) {
        long accepted = acceptedByType.values().stream().mapToLong(Long::longValue).sum();
        return DeptCounters.newBuilder()
                .setDeptCode(dept)
                .setReceived(accepted)
                .setAccepted(accepted)
                .setUnified(accepted)
                .setAcceptedByType(new HashMap<>(acceptedByType))
                .setRejectedByReason(new HashMap<>())
                .setTimely(timely)
                .setLate(late)
                .setTimelinessUnknown(unknown)
                .build();
    }

    static CoverageSnapshot snapshot(String period, DeptCounters... counters) {
        Map<String, DeptCounters> byDept = new HashMap<>();
        for (DeptCounters c : counters) {
            byDept.put(c.getDeptCode(), c);
        }
        return CoverageCalculator.compute(
                CATALOGUE, byDept, 0.95, CoveragePeriod.parse(period), RULE, "2025-11-05T09:00:00");
    }

    /** October: SCJG01 only penalties (8 on time, 2 late), HBJ02 nothing, AJJ03 3 on time. */
    public static final CoverageSnapshot OCTOBER =
            snapshot(
                    "2025-10",
                    counters("SCJG01", Map.of("penalty", 10L), 8, 2, 0),
                    counters("AJJ03", Map.of("license", 3L), 3, 0, 0));

    /**
     * November: SCJG01 both types (9 on time, 1 late), HBJ02 penalties now (1 on time, 3 late),
     * AJJ03 nothing, and TJJ09 sends records without being catalogued.
     */
    public static final CoverageSnapshot NOVEMBER =
            snapshot(
                    "2025-11",
                    counters("SCJG01", Map.of("penalty", 6L, "license", 4L), 9, 1, 1),
                    counters("HBJ02", Map.of("penalty", 4L), 1, 3, 0),
                    counters("TJJ09", Map.of("inspection", 2L), 0, 0, 0));

    @Test
    void theUncoveredAndTheLateAreListedWorstFirst() {
        NoticeModel m = NoticeModel.of(NOVEMBER, "2025年11月", null);
        assertThat(m.depts()).isEqualTo(4);
        assertThat(m.coveredDepts()).isEqualTo(2);
        assertThat(m.deptCoverage()).isEqualTo(0.5);
        assertThat(m.coveredItems()).isEqualTo(3);
        assertThat(m.items()).isEqualTo(5);
        // nothing collected first (AJJ03, JTJ04 by code), then the partly covered (none here)
        assertThat(m.uncovered())
                .extracting(NoticeModel.Dept::code)
                .containsExactly("AJJ03", "JTJ04");
        assertThat(m.uncovered().get(0).uncoveredTypes()).containsExactly("行政许可");
        // the lowest share on time first: HBJ02 1 of 4, then SCJG01 9 of 10
        assertThat(m.late()).extracting(NoticeModel.Dept::code).containsExactly("HBJ02", "SCJG01");
        assertThat(m.late().get(0).timelinessRate()).isEqualTo(0.25);
        assertThat(m.timeliness().timely()).isEqualTo(10);
        assertThat(m.timeliness().late()).isEqualTo(4);
        assertThat(m.timeliness().unknown()).isEqualTo(1);
        assertThat(m.timeliness().rate()).isEqualTo(10.0 / 14);
        assertThat(m.uncatalogued()).extracting(NoticeModel.Dept::code).containsExactly("TJJ09");
        assertThat(m.previous()).isNull();
        assertThat(m.periodFrom()).isEqualTo("2025-11-01");
        assertThat(m.periodTo()).isEqualTo("2025-11-30");
    }

    @Test
    void eachDepartmentIsComparedWithThePreviousNotice() {
        NoticeModel october = NoticeModel.of(OCTOBER, "2025年10月", null);
        NoticeModel m = NoticeModel.of(NOVEMBER, "2025年11月", october);
        assertThat(m.previous().period()).isEqualTo("2025-10");
        assertThat(m.previous().deptCoverage()).isEqualTo(0.5); // SCJG01, AJJ03 of 4
        assertThat(m.previous().uncoveredCodes()).containsExactly("HBJ02", "JTJ04");
        assertThat(m.nowCovered()).extracting(NoticeModel.Dept::code).containsExactly("HBJ02");
        NoticeModel.Dept ajj = m.uncovered().get(0);
        assertThat(ajj.code()).isEqualTo("AJJ03");
        assertThat(ajj.change().previousCovered()).isTrue(); // newly uncovered
        NoticeModel.Dept jtj = m.uncovered().get(1);
        assertThat(jtj.change().previousCovered()).isFalse(); // still uncovered
        NoticeModel.Dept scjg = m.late().get(1);
        assertThat(scjg.change().previousTimelinessRate()).isEqualTo(0.8);
        assertThat(scjg.change().previousLate()).isEqualTo(2);
    }

    @Test
    void theMarkdownNamesEveryLineAndTheComparisonInChinese() {
        NoticeModel m =
                NoticeModel.of(NOVEMBER, "2025年11月", NoticeModel.of(OCTOBER, "2025年10月", null));
        String md = NoticeRenderer.markdown(m);
        assertThat(md)
                .startsWith("# 关于2025年11月涉企监管信息归集情况的通报\n")
                .contains("部门覆盖率 50.0%，目标 95.0%，未达标")
                .contains("事项覆盖率 60.0%")
                .contains("与上期（2025年10月）相比，部门覆盖率持平，事项覆盖率上升 20.0 个百分点")
                .contains("| AJJ03 | 朝阳市应急管理局 | 211302 | 未归集任何事项 | 0/1 | 行政许可 | 新增未归集 |")
                .contains("| JTJ04 | 朝阳市交通运输局 | 211302 | 未归集任何事项 | 0/1 | 行政检查 | 连续未归集 |")
                .contains("| HBJ02 | 朝阳市生态环境局 | 1 | 3 | 25.0% | — | — |")
                .contains("| SCJG01 | 朝阳市市场监督管理局 | 9 | 1 | 90.0% | 80.0% | 上升 10.0 个百分点 |")
                .contains("按时 10 条、超期 4 条，按时率 71.4%；另有 1 条无法评估")
                .contains("已整改（上期未归集、本期已归集）：朝阳市生态环境局（HBJ02）。")
                .contains("连续未归集（上期、本期均未归集）：朝阳市交通运输局（JTJ04）。")
                .contains("新增未归集（上期已归集、本期未归集）：朝阳市应急管理局（AJJ03）。")
                .contains("TJJ09");
    }

    @Test
    void theHtmlIsPrintableAndStandsAlone() {
        NoticeModel m = NoticeModel.of(NOVEMBER, "2025年11月", null);
        String html = NoticeRenderer.html(m);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<meta charset=\"utf-8\">")
                .contains("<h1>关于2025年11月涉企监管信息归集情况的通报</h1>")
                .contains("@media print")
                .contains("<td>朝阳市应急管理局</td>");
        assertThat(html.toLowerCase())
                .doesNotContain("http:")
                .doesNotContain("https:")
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain("src=")
                .doesNotContain("@import")
                .doesNotContain("url(");
    }

    @Test
    void namesAreEscapedInTheHtmlAndTheMarkdownTable() {
        CoverageSnapshot s =
                CoverageCalculator.compute(
                        List.of(entry("X01", "<b>局|处</b>", RecordType.penalty)),
                        Map.of(),
                        0.95,
                        CoveragePeriod.parse("2025-11"),
                        RULE,
                        "-");
        NoticeModel m = NoticeModel.of(s, "2025年11月", null);
        assertThat(NoticeRenderer.html(m)).contains("&lt;b&gt;局|处&lt;/b&gt;").doesNotContain("<b>");
        assertThat(NoticeRenderer.markdown(m)).contains("<b>局\\|处</b>");
    }

    @Test
    void theDataFileReadsBackAsTheSameModel(@TempDir Path dir) throws Exception {
        NoticeModel m =
                NoticeModel.of(NOVEMBER, "2025年11月", NoticeModel.of(OCTOBER, "2025年10月", null));
        List<Path> files = NoticeFiles.write(dir, m);
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("2025-11.md", "2025-11.html");
        assertThat(NoticeFiles.read(dir, "2025-11")).isEqualTo(m);
        assertThat(NoticeFiles.read(dir, "2025-10")).isNull();
        java.nio.file.Files.writeString(dir.resolve("2025-09.json"), "{not json");
        assertThat(NoticeFiles.read(dir, "2025-09")).as("unreadable: no comparison").isNull();
    }
}
