package io.guiji.jobs.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.config.GuijiOptions;
import java.io.IOException;
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
 * Broken CSV records through a whole bounded run: each is one MALFORMED rejection naming its line,
 * the records after it keep their rows, and the input limits set as options reach the readers.
 */
class FileRunJobReadingITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The issue's file: row 2 opens a quote that never closes; the rows after it hold quotes. */
    private static final String UNTERMINATED_QUOTE_IN_ROW_2 = "records/SCJG01/penalty/issue.csv";

    private static final String FIELD_OVER_THE_LIMIT = "records/SCJG01/penalty/big.csv";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;

    @Test
    void aBrokenRecordIsOneRejectionAndTheRowsAfterItKeepTheirNumbers() throws Exception {
        Path input = dir.resolve("input");
        // a registry and a catalogue, which a run needs (their absence is another issue's subject)
        write(
                input.resolve("registry/enterprises.csv"),
                """
                统一社会信用代码,企业名称,注册号,曾用名,行政区划代码,登记状态
                91110000600037341L,朝阳市某某商贸有限公司,,,211302,存续
                """);
        write(
                input.resolve("catalog/catalogue.csv"),
                """
                部门编码,部门名称,行政区划代码,信息类别,更新周期
                SCJG01,朝阳市市场监督管理局,211302,行政处罚,每月
                """);
        write(
                input.resolve(UNTERMINATED_QUOTE_IN_ROW_2),
                """
                行政相对人名称,行政处罚决定书文号,处罚决定日期
                朝阳市甲商贸有限公司,朝市监罚〔2023〕1号,2023-05-01
                朝阳市乙商贸有限公司,"朝市监罚〔2023〕2号,2023-05-02
                "朝阳市丙商贸有限公司",朝市监罚〔2023〕3号,2023-05-03
                朝阳市丁商贸有限公司,"朝市监罚〔2023〕4号",2023-05-04
                朝阳市戊商贸有限公司,朝市监罚〔2023〕5号,"2023-05-05"
                """);
        write(
                input.resolve(FIELD_OVER_THE_LIMIT),
                "行政相对人名称,行政处罚决定书文号,处罚决定日期\n"
                        + "朝阳市"
                        + "某".repeat(2_000)
                        + "有限公司,朝市监罚〔2023〕6号,2023-05-06\n"
                        + "朝阳市己商贸有限公司,朝市监罚〔2023〕7号,2023-05-07\n");
        Path output = dir.resolve("output");
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.PROCESSING_DATE, "2026-11-25");
        conf.set(GuijiOptions.PARALLELISM, 2);
        conf.set(GuijiOptions.INPUT_MAX_FIELD_CHARS, 1_000);

        FileRunJob.run(input, output, conf);

        List<JsonNode> rejected = parse(output.resolve("rejected"));
        assertThat(rejected)
                .extracting(n -> n.get("file").asText() + "#" + n.get("row").asLong())
                .containsExactlyInAnyOrder(
                        UNTERMINATED_QUOTE_IN_ROW_2 + "#2", FIELD_OVER_THE_LIMIT + "#1");
        for (JsonNode n : rejected) {
            assertThat(n.get("reason").asText()).isEqualTo("MALFORMED");
            if (n.get("file").asText().equals(UNTERMINATED_QUOTE_IN_ROW_2)) {
                assertThat(n.get("message").asText()).startsWith("line 3: ");
                assertThat(n.get("raw").asText()).isEqualTo("朝阳市乙商贸有限公司,\"朝市监罚〔2023〕2号,2023-05-02");
            } else {
                assertThat(n.get("message").asText())
                        .isEqualTo(
                                "line 2: field 1 (行政相对人名称) longer than 1000 characters (guiji.input.max-field-chars)");
            }
        }
        List<String> sources = new ArrayList<>();
        for (JsonNode n : parse(output.resolve("unified"))) {
            for (JsonNode s : n.get("sources")) {
                sources.add(s.get("file").asText() + "#" + s.get("row").asLong());
            }
        }
        assertThat(sources)
                .containsExactlyInAnyOrder(
                        UNTERMINATED_QUOTE_IN_ROW_2 + "#1",
                        UNTERMINATED_QUOTE_IN_ROW_2 + "#3",
                        UNTERMINATED_QUOTE_IN_ROW_2 + "#4",
                        UNTERMINATED_QUOTE_IN_ROW_2 + "#5",
                        FIELD_OVER_THE_LIMIT + "#2");
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }

    private static List<JsonNode> parse(Path folder) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return nodes;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f :
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .toList()) {
                for (String line : Files.readAllLines(f, UTF_8)) {
                    if (!line.isBlank()) {
                        nodes.add(JSON.readTree(line));
                    }
                }
            }
        }
        return nodes;
    }
}
