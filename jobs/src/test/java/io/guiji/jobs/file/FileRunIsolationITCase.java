package io.guiji.jobs.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.cli.Summary;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.validate.FailingParsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded run at parallelism 2 with a poison record among good ones (docs/contract.md §7): the
 * run finishes, the poison record is in {@code rejected/} as PROCESSING_ERROR with the stage and
 * the error, the good records are unified, and every input record appears exactly once — as a
 * source or as a rejection — also in the coverage counts and the summary.
 */
class FileRunIsolationITCase {
    private static final int PARALLELISM = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PENALTIES = "records/SCJG01/penalty/department.csv";
    private static final String HOSTILE = "records/SCJG01/penalty/hostile.csv";
    private static final String POISON = "毒药";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @TempDir Path dir;

    @Test
    void aPoisonRecordIsRejectedAsProcessingErrorAndTheRunFinishesWithEveryRecordOnce()
            throws Exception {
        Path input = dir.resolve("input");
        Path output = dir.resolve("output");
        write(
                input.resolve("registry/enterprises.csv"),
                """
                统一社会信用代码,企业名称
                91110000600037341L,朝阳市某某商贸有限公司
                """);
        write(
                input.resolve("catalog/catalogue.csv"),
                """
                部门编码,部门名称,行政区划代码,信息类别
                SCJG01,朝阳市市场监督管理局,211302,penalty
                """);
        write(
                input.resolve(PENALTIES),
                """
                行政相对人名称,统一社会信用代码,行政处罚决定书文号,罚款金额（万元）,处罚决定日期
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2023〕1号,1.5,2023-05-06
                朝阳市某某商贸有限公司%s,91110000600037341L,朝市监罚〔2023〕2号,1.5,2023-05-06
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2023〕3号,2,2023-05-07
                朝阳市某某商贸有限公司,,朝市监罚〔2023〕4号,,2023-05-08
                """
                        .formatted(POISON));
        // Hostile values whose root causes other fixes address (a fine of 100,000 digits, a NUL):
        // whatever
        // the normalizer makes of them, they must not stop the run, and each must be accounted for
        // once.
        write(
                input.resolve(HOSTILE),
                """
                行政相对人名称,统一社会信用代码,行政处罚决定书文号,罚款金额（万元）,处罚决定日期
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2023〕5号,%s,2023-05-06
                朝阳市某某\u0000商贸有限公司,91110000600037341L,朝市监罚〔2023〕6号,1,2023-05-06
                """
                        .formatted("9".repeat(100_000)));
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.PROCESSING_DATE, "2026-11-25");
        conf.set(GuijiOptions.PARALLELISM, PARALLELISM);

        // Normalizing throws on the poison row (the parser is the production one but for that row).
        FileRunJob.Result result =
                FileRunJob.run(
                        input,
                        output,
                        conf,
                        warning -> {},
                        FailingParsers.throwingOn(
                                POISON, java.time.LocalDate.of(2026, 11, 25), "Asia/Shanghai"));

        List<JsonNode> rejected = parse(readLines(output.resolve("rejected")));
        assertThat(rejected)
                .filteredOn(r -> r.get("file").asText().equals(PENALTIES))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.get("row").asLong()).isEqualTo(2);
                            assertThat(r.get("reason").asText()).isEqualTo("PROCESSING_ERROR");
                            assertThat(r.get("message").asText())
                                    .isEqualTo(
                                            "stage parse: java.lang.IllegalStateException: poisoned row");
                            assertThat(r.get("raw").asText()).contains(POISON);
                            assertThat(r.get("dept_code").asText()).isEqualTo("SCJG01");
                        });

        List<JsonNode> unified = parse(readLines(output.resolve("unified")));
        List<String> sources = new ArrayList<>();
        for (JsonNode u : unified) {
            u.get("sources")
                    .forEach(
                            s -> sources.add(s.get("file").asText() + "#" + s.get("row").asLong()));
        }
        assertThat(sources).contains(PENALTIES + "#1", PENALTIES + "#3", PENALTIES + "#4");
        List<String> accounted = new ArrayList<>(sources);
        rejected.forEach(r -> accounted.add(r.get("file").asText() + "#" + r.get("row").asLong()));
        assertThat(accounted)
                .as("every input record exactly once, as a source or as a rejection")
                .containsExactlyInAnyOrder(
                        PENALTIES + "#1",
                        PENALTIES + "#2",
                        PENALTIES + "#3",
                        PENALTIES + "#4",
                        HOSTILE + "#1",
                        HOSTILE + "#2");

        var totals = result.coverage().getTotals();
        assertThat(totals.getReceived()).isEqualTo(6);
        assertThat(totals.getAccepted() + totals.getRejected()).isEqualTo(6);
        assertThat(totals.getRejected()).isEqualTo(rejected.size());
        assertThat(totals.getRejectedByReason())
                .containsEntry(
                        "PROCESSING_ERROR",
                        rejected.stream()
                                .filter(r -> r.get("reason").asText().equals("PROCESSING_ERROR"))
                                .count());
        assertThat(totals.getProcessingErrors()).isGreaterThanOrEqualTo(1);

        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Summary.print(new PrintStream(screen, true, UTF_8), "guiji run", result.coverage(), 1.0);
        assertThat(screen.toString(UTF_8))
                .contains("PROCESSING_ERROR")
                .contains("processing errors");
    }

    /**
     * A run whose job fails (an error no stage isolates) leaves no part of its result: whatever its
     * finished tasks wrote stays in the staging folder, which is removed, and the earlier result is
     * gone, as any run replaces it (docs/contract.md §9).
     */
    @Test
    void aRunThatFailsPublishesNoPartOfItsOutput() throws Exception {
        Path input = dir.resolve("input");
        Path output = dir.resolve("output");
        StringBuilder many = new StringBuilder("行政相对人名称,行政处罚决定书文号,处罚决定日期\n");
        for (int i = 1; i <= 200; i++) {
            many.append("朝阳市某某商贸有限公司,朝市监罚〔2023〕").append(i).append("号,2023-05-06\n");
        }
        write(input.resolve("records/SCJG01/penalty/a.csv"), many.toString());
        write(input.resolve("records/SCJG02/penalty/b.csv"), many.toString());
        write(
                input.resolve("records/SCJG03/penalty/c.csv"),
                "行政相对人名称,行政处罚决定书文号,处罚决定日期\n%s,朝市监罚〔2023〕1号,2023-05-06\n".formatted(POISON));
        write(output.resolve("unified/part-0000.jsonl"), "{\"earlier\":true}\n");
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.PROCESSING_DATE, "2026-11-25");
        conf.set(GuijiOptions.PARALLELISM, PARALLELISM);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                FileRunJob.run(
                                        input,
                                        output,
                                        conf,
                                        warning -> {},
                                        FailingParsers.failingTheTaskOn(
                                                POISON,
                                                java.time.LocalDate.of(2026, 11, 25),
                                                "Asia/Shanghai")))
                .hasStackTraceContaining("the task fails here");

        try (Stream<Path> left = Files.list(output)) {
            assertThat(left.map(p -> p.getFileName().toString())).isEmpty();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, UTF_8);
    }

    private static List<String> readLines(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return lines;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f :
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList()) {
                Files.readAllLines(f, UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        }
        return lines;
    }

    private static List<JsonNode> parse(List<String> lines) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : lines) {
            nodes.add(JSON.readTree(l));
        }
        return nodes;
    }
}
