package io.guiji.jobs.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.config.GuijiOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timeliness, coverage periods and notices of a bounded run end to end (docs/contract.md §8–§9):
 * decisions around 国庆 2025 (10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked), received as
 * their {@code 数据更新时间} says or, without one, on their file's date; a decision of 2023, outside the
 * calendar's years. Working days counted by hand in the comments.
 */
class FileRunTimelinessITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PENALTY_HEADER = "行政相对人名称,行政处罚决定书文号,处罚类别,处罚决定日期,处罚机关,数据更新时间\n";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;
    private Path input;
    private Path output;

    @BeforeEach
    void writeInput() throws IOException {
        input = dir.resolve("input");
        output = dir.resolve("output");
        write(
                "catalog/catalogue.csv",
                """
                部门编码,部门名称,行政区划代码,信息类别
                SCJG01,朝阳市市场监督管理局,211302,行政处罚、行政许可
                HBJ02,朝阳市生态环境局,211303,行政处罚
                AJJ03,朝阳市应急管理局,211302,行政许可
                """);
        write(
                "records/SCJG01/penalty/p.csv",
                PENALTY_HEADER
                        // 09-28 1, 09-29 2, 09-30 3, 10-09 4, 10-10 5, 10-11 6, 10-13 7: on time
                        + "甲公司,朝市监罚〔2025〕1号,罚款,2025-09-26,朝阳市市场监督管理局,2025-10-13 09:00:00\n"
                        // decided on the 调休 Sunday: … 10-14 7, 10-15 8: late
                        + "乙公司,朝市监罚〔2025〕2号,罚款,2025-09-28,朝阳市市场监督管理局,2025-10-15 09:00:00\n"
                        // 10-10 1, 10-11 2, 10-13 3 … 10-17 7, 10-20 8: late
                        + "丙公司,朝市监罚〔2025〕3号,警告,2025-10-09,朝阳市市场监督管理局,2025-10-20 16:00:00\n");
        // The first decision again, sent later: its first receipt stays 10-13.
        write(
                "records/SCJG01/penalty/resend.csv",
                PENALTY_HEADER + "甲公司,朝市监罚〔2025〕1号,罚款,2025-09-26,朝阳市市场监督管理局,2025-10-20 09:00:00\n");
        // No 数据更新时间: received on the file's date, 2025-10-16 (10-11 1, 10-13 2 … 10-16 5).
        write(
                "records/SCJG01/penalty/nodate.csv",
                "行政相对人名称,行政处罚决定书文号,处罚类别,处罚决定日期\n" + "丁公司,朝市监罚〔2025〕4号,罚款,2025-10-10\n");
        Files.setLastModifiedTime(
                input.resolve("records/SCJG01/penalty/nodate.csv"),
                FileTime.from(Instant.parse("2025-10-16T02:00:00Z"))); // 10:00 in 朝阳
        write(
                "records/SCJG01/license/l.csv",
                "行政相对人名称,行政许可决定文书号,许可证书名称,许可决定日期,数据更新时间\n"
                        + "甲公司,朝市监许〔2025〕9号,食品经营许可证,2025-10-15,2025-10-16\n");
        write(
                "records/HBJ02/penalty/h.csv",
                PENALTY_HEADER
                        // outside the calendar's years: not evaluated
                        + "戊公司,朝环罚〔2023〕5号,罚款,2023-12-28,朝阳市生态环境局,2024-01-10\n"
                        // 10-21 1 … 10-31 9, 11-03 10, 11-04 11, 11-05 12: late
                        + "己公司,朝环罚〔2025〕6号,罚款,2025-10-20,朝阳市生态环境局,2025-11-05\n");
    }

    private static Configuration conf(String period) {
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.PROCESSING_DATE, "2026-11-25");
        conf.set(GuijiOptions.PARALLELISM, 2);
        conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        if (period != null) {
            conf.set(GuijiOptions.COVERAGE_PERIOD, period);
        }
        return conf;
    }

    @Test
    void allInputCountsTimelinessPerDepartmentAndListsTheOverdue() throws Exception {
        FileRunJob.Result r = FileRunJob.run(input, output, conf(null));

        JsonNode c = JSON.readTree(output.resolve("coverage.json").toFile());
        assertThat(c.get("period").asText()).isEqualTo("all-input");
        assertThat(c.get("period_from").isNull()).isTrue();
        JsonNode scjg = c.get("by_dept").get("SCJG01");
        assertThat(scjg.get("timely").asLong()).as("penalties 1 and 4, the licence").isEqualTo(3);
        assertThat(scjg.get("late").asLong()).as("penalties 2 and 3").isEqualTo(2);
        assertThat(scjg.get("timeliness_unknown").asLong()).isZero();
        assertThat(scjg.get("timeliness_rate").asDouble()).isEqualTo(0.6);
        JsonNode hbj = c.get("by_dept").get("HBJ02");
        assertThat(hbj.get("late").asLong()).isEqualTo(1);
        assertThat(hbj.get("timeliness_unknown").asLong()).isEqualTo(1);
        JsonNode t = c.get("timeliness");
        assertThat(t.get("deadline_working_days").asInt()).isEqualTo(7);
        assertThat(t.get("calendar").asText()).contains("cn-working-days.csv (2024–2026)");
        assertThat(t.get("timely").asLong()).isEqualTo(3);
        assertThat(t.get("late").asLong()).isEqualTo(3);
        assertThat(t.get("unknown").asLong()).isEqualTo(1);
        assertThat(c.get("totals").get("late").asLong()).isEqualTo(3);

        List<JsonNode> overdue = lines(output.resolve("timeliness"));
        assertThat(overdue)
                .extracting(
                        n ->
                                n.get("outcome").asText()
                                        + " "
                                        + n.get("doc_no").asText()
                                        + " "
                                        + n.get("received_on").asText()
                                        + " "
                                        + n.get("received_basis").asText()
                                        + " "
                                        + n.get("working_days").asText())
                .containsExactlyInAnyOrder(
                        "LATE 朝市监罚〔2025〕2号 2025-10-15 updated_at 8",
                        "LATE 朝市监罚〔2025〕3号 2025-10-20 updated_at 8",
                        "LATE 朝环罚〔2025〕6号 2025-11-05 updated_at 12",
                        "UNKNOWN 朝环罚〔2023〕5号 2024-01-10 updated_at null");
        JsonNode unknown =
                overdue.stream()
                        .filter(n -> n.get("outcome").asText().equals("UNKNOWN"))
                        .findFirst()
                        .orElseThrow();
        assertThat(unknown.get("error").asText())
                .isEqualTo("2023-12-28 is outside the working-day calendar's years 2024–2026");
        assertThat(unknown.get("deadline").asInt()).isEqualTo(7);

        List<JsonNode> unified = lines(output.resolve("unified"));
        JsonNode first = byDocNo(unified, "朝市监罚〔2025〕1号");
        assertThat(first.get("sources")).hasSize(2);
        assertThat(first.get("received_on").asText())
                .as("the first receipt")
                .isEqualTo("2025-10-13");
        JsonNode fromFileDate = byDocNo(unified, "朝市监罚〔2025〕4号");
        assertThat(fromFileDate.get("received_on").asText()).isEqualTo("2025-10-16");
        assertThat(fromFileDate.get("received_basis").asText()).isEqualTo("file_modified");

        assertThat(r.notices())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("all-input.md", "all-input.html");
        assertThat(Files.readString(r.notices().get(0))).contains("# 关于全部输入数据涉企监管信息归集情况的通报");
    }

    @Test
    void aMonthCountsItsDecisionsAndItsNoticeComparesWithThePreviousMonths() throws Exception {
        FileRunJob.run(input, output, conf("2025-09"));
        JsonNode september = JSON.readTree(output.resolve("coverage.json").toFile());
        assertThat(september.get("period_from").asText()).isEqualTo("2025-09-01");
        assertThat(september.get("uncovered_depts"))
                .extracting(JsonNode::asText)
                .containsExactly("AJJ03", "HBJ02");
        assertThat(september.get("by_dept").get("SCJG01").get("accepted").asLong())
                .as("penalties 1 (twice) and 2")
                .isEqualTo(3);
        assertThat(september.get("timeliness").get("timely").asLong()).isEqualTo(1);
        assertThat(september.get("timeliness").get("late").asLong()).isEqualTo(1);
        assertThat(lines(output.resolve("timeliness")))
                .extracting(n -> n.get("doc_no").asText())
                .containsExactly("朝市监罚〔2025〕2号");
        assertThat(output.resolve("notices/2025-09.md")).exists();

        FileRunJob.Result r = FileRunJob.run(input, output, conf("2025-10"));
        JsonNode october = JSON.readTree(output.resolve("coverage.json").toFile());
        assertThat(october.get("period").asText()).isEqualTo("2025-10");
        assertThat(october.get("uncovered_depts"))
                .extracting(JsonNode::asText)
                .containsExactly("AJJ03");
        JsonNode scjg = october.get("by_dept").get("SCJG01");
        assertThat(scjg.get("timely").asLong()).as("penalty 4, the licence").isEqualTo(2);
        assertThat(scjg.get("late").asLong()).as("penalty 3").isEqualTo(1);
        assertThat(october.get("by_dept").get("HBJ02").get("late").asLong()).isEqualTo(1);
        assertThat(october.get("timeliness").get("unknown").asLong())
                .as("the 2023 decision is outside the period")
                .isZero();
        assertThat(lines(output.resolve("timeliness")))
                .extracting(n -> n.get("doc_no").asText())
                .containsExactlyInAnyOrder("朝市监罚〔2025〕3号", "朝环罚〔2025〕6号");

        assertThat(r.notices())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("2025-10.md", "2025-10.html");
        String md = Files.readString(output.resolve("notices/2025-10.md"));
        assertThat(md)
                .startsWith("# 关于2025年10月涉企监管信息归集情况的通报")
                .contains("资源目录内 3 个部门中 2 个已归集数据，部门覆盖率 66.7%")
                .contains("与上期（2025年9月）相比，部门覆盖率上升 33.3 个百分点")
                .contains("| AJJ03 | 朝阳市应急管理局 | 211302 | 未归集任何事项 | 0/1 | 行政许可 | 连续未归集 |")
                .contains("已整改（上期未归集、本期已归集）：朝阳市生态环境局（HBJ02）。")
                .contains("| HBJ02 | 朝阳市生态环境局 | 0 | 1 | 0.0% | — | — |")
                .contains("| SCJG01 | 朝阳市市场监督管理局 | 2 | 1 | 66.7% | 50.0% | 上升 16.7 个百分点 |");
        assertThat(output.resolve("notices/2025-10.html")).exists();
        assertThat(output.resolve("notices/2025-09.md")).as("earlier notices are kept").exists();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static JsonNode byDocNo(List<JsonNode> records, String docNo) {
        return records.stream()
                .filter(n -> n.get("doc_no").asText().equals(docNo))
                .findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> lines(Path folder) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f, UTF_8)) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line));
                    }
                }
            }
        }
        return out;
    }

    private void write(String relative, String content) throws IOException {
        Path file = input.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }
}
