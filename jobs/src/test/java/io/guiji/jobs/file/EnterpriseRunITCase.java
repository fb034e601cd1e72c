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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded run end to end at parallelism 2, for the enterprise view (docs/contract.md §9): {@code
 * enterprises/*.jsonl} with one profile per linked enterprise from the final records (a revoked
 * penalty left out) with its health index, and {@code leads/*.jsonl} with a 无证 lead for an
 * enterprise checked on food business without a food licence and a 无照 lead for a shop not in the
 * registry — none for the enterprise that holds its licence, nor for a natural person.
 */
class EnterpriseRunITCase {
    private static final int PARALLELISM = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "91110000600037341L";
    private static final String B = "91310115MA1K3BTP2B";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @TempDir Path dir;
    private Path input;
    private Path output;

    @BeforeEach
    void writeInput() throws IOException {
        input = dir.resolve("input");
        output = dir.resolve("output");
        write(
                "registry/enterprises.csv",
                """
                统一社会信用代码,企业名称,注册号,曾用名,行政区划代码,登记状态
                91110000600037341L,朝阳市某某商贸有限公司,,,211302,存续
                91310115MA1K3BTP2B,朝阳市环保科技有限公司,,,211303,存续
                """);
        write(
                "records/SCJG01/penalty/department.csv",
                """
                行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,当前状态,数据更新时间
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2025〕1号,罚款,12,2025-05-06,有效,2025-05-07 09:00:00
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2025〕2号,责令停产停业,,2025-06-06,有效,2025-06-07 09:00:00
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2025〕2号,责令停产停业,,2025-06-06,撤销,2025-08-01 09:00:00
                朝阳市双塔区老王小吃店,,朝市监罚〔2026〕3号,罚款,0.5,2026-01-05,有效,
                李四,,朝市监罚〔2026〕4号,警告,,2026-01-06,有效,
                """);
        write(
                "records/SCJG01/inspection/checks.csv",
                """
                行政相对人名称,统一社会信用代码,检查编号,检查类型,检查事项,检查结果,检查日期
                朝阳市某某商贸有限公司,91110000600037341L,JC-1,抽查,食品经营许可事项检查,未发现问题,2026-02-01
                朝阳市环保科技有限公司,91310115MA1K3BTP2B,JC-2,抽查,食品经营许可事项检查,发现问题待后续处理,2026-02-02
                """);
        write(
                "records/SCJG01/license/licences.csv",
                """
                行政相对人名称,统一社会信用代码,行政许可决定文书号,许可证书名称,许可编号,许可决定日期,有效期自,有效期至
                朝阳市环保科技有限公司,91310115MA1K3BTP2B,朝市监许〔2024〕7号,食品经营许可证,JY1,2024-01-01,2024-01-01,2028-12-31
                朝阳市环保科技有限公司,91310115MA1K3BTP2B,朝市监许〔2018〕8号,排污许可证,PW1,2018-01-01,2018-01-01,2021-12-31
                """);
    }

    private void write(String path, String text) throws IOException {
        Path p = input.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, UTF_8);
    }

    private static Configuration conf() {
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.PROCESSING_DATE, "2026-06-30");
        conf.set(GuijiOptions.PARALLELISM, PARALLELISM);
        conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    private List<JsonNode> lines(String folder) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Path d = output.resolve(folder);
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (Stream<Path> files = Files.list(d)) {
            for (Path f : files.sorted().toList()) {
                assertThat(f.getFileName().toString()).matches("part-\\d{4}\\.jsonl");
                for (String line : Files.readAllLines(f, UTF_8)) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    @Test
    void aBoundedRunWritesTheProfilesOfLinkedEnterprisesAndTheLeads() throws Exception {
        FileRunJob.run(input, output, conf());

        Map<String, JsonNode> profiles = new TreeMap<>();
        lines("enterprises").forEach(p -> profiles.put(p.get("enterprise_id").asText(), p));
        assertThat(profiles).containsOnlyKeys(A, B);
        assertThat(output.resolve("enterprises/part-0000.jsonl")).exists();

        JsonNode a = profiles.get(A);
        assertThat(a.get("name").asText()).isEqualTo("朝阳市某某商贸有限公司");
        assertThat(a.get("reference_date").asText()).isEqualTo("2026-06-30");
        // the revoked 〔2025〕2号 is not in the profile
        assertThat(a.get("record_count").asLong()).isEqualTo(2);
        assertThat(a.get("counts_by_type").toString())
                .isEqualTo("{\"inspection\":1,\"penalty\":1}");
        assertThat(a.get("latest_penalty").get("doc_no").asText()).isEqualTo("朝市监罚〔2025〕1号");
        assertThat(a.get("latest_penalty").get("amount").decimalValue()).isEqualByComparingTo("12");
        assertThat(a.get("first_record_date").asText()).isEqualTo("2025-05-06");
        assertThat(a.get("last_record_date").asText()).isEqualTo("2026-02-01");
        // 2 + 罚款 1 + ≥10万元 3 = 6
        JsonNode health = a.get("health");
        assertThat(health.get("score").asInt()).isEqualTo(94);
        assertThat(health.get("grade").asText()).isEqualTo("A");
        assertThat(health.get("grade_label").asText()).isEqualTo("优");
        assertThat(health.get("components").get(0).get("name").asText()).isEqualTo("penalties");
        assertThat(health.get("components").get(0).get("weight").asDouble()).isEqualTo(35.0);
        assertThat(health.get("components").get(0).get("deduction").asDouble()).isEqualTo(6.0);

        JsonNode b = profiles.get(B);
        assertThat(b.get("licences_valid").get(0).get("license_name").asText())
                .isEqualTo("食品经营许可证");
        assertThat(b.get("licences_expired").get(0).get("license_name").asText())
                .isEqualTo("排污许可证");
        assertThat(b.get("recent_inspections").toString()).isEqualTo("{\"发现问题待后续处理\":1}");
        assertThat(b.get("health").get("score").asInt()).isEqualTo(93); // 4 expired + 3 inspection

        List<JsonNode> leads = lines("leads");
        assertThat(leads)
                .extracting(
                        l -> l.get("kind").asText(),
                        l -> l.get("subject_name").asText(),
                        l -> l.get("department").asText())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "UNLICENSED", "朝阳市某某商贸有限公司", "市场监督管理部门"),
                        org.assertj.core.groups.Tuple.tuple(
                                "UNREGISTERED", "朝阳市双塔区老王小吃店", "市场监督管理部门"));
        JsonNode unlicensed =
                leads.stream()
                        .filter(l -> l.get("kind").asText().equals("UNLICENSED"))
                        .findFirst()
                        .get();
        assertThat(unlicensed.get("enterprise_id").asText()).isEqualTo(A);
        assertThat(unlicensed.get("rule").asText()).isEqualTo("licence.food");
        assertThat(unlicensed.get("evidence").get(0).get("doc_no").asText()).isEqualTo("JC-1");
        assertThat(OutputFiles.created(output))
                .anyMatch(s -> s.contains("enterprises"))
                .anyMatch(s -> s.contains("leads"));
    }

    @Test
    void aRunWithoutARegistryMakesNoUnregisteredLeads() throws Exception {
        Files.delete(input.resolve("registry/enterprises.csv"));
        Files.delete(input.resolve("registry"));

        FileRunJob.run(input, output, conf());

        // linked by USCC alone, and no name looks registered: still no 无照 lead
        assertThat(lines("enterprises"))
                .extracting(p -> p.get("enterprise_id").asText())
                .containsExactlyInAnyOrder(A, B);
        assertThat(lines("leads"))
                .extracting(l -> l.get("kind").asText())
                .containsExactly("UNLICENSED");
    }
}
