package io.guiji.jobs.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.schemas.CoverageSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileRunJob#run} end to end on a mini-cluster at parallelism 2: a small input written by
 * hand (UTF-8 with BOM, GBK, JSONL with a broken line) and the three outputs of docs/contract.md
 * §9.
 */
class FileRunJobITCase {
    private static final int PARALLELISM = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charset GBK = Charset.forName("GBK");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final String USCC = "91110000600037341L";
    private static final String CITIZEN_ID = "11010519491231002X";

    private static final String PENALTY_FROM_DEPARTMENT = "records/SCJG01/penalty/department.csv";
    private static final String SAME_PENALTY_VIA_CREDIT_PLATFORM =
            "records/SCJG01/penalty/credit_platform.csv";
    private static final String LICENSES = "records/SCJG01/license/licenses.jsonl";
    private static final String NOT_A_TYPE = "records/SCJG01/notatype/misc.csv";
    private static final String UNCATALOGUED = "records/JTJ03/inspection/checks.csv";

    /** Every (file, row) of the input records: each must come out exactly once. */
    private static final List<String> ALL_INPUT_RECORDS =
            List.of(
                    PENALTY_FROM_DEPARTMENT + "#1",
                    PENALTY_FROM_DEPARTMENT + "#2",
                    SAME_PENALTY_VIA_CREDIT_PLATFORM + "#1",
                    LICENSES + "#1",
                    LICENSES + "#2",
                    LICENSES + "#3",
                    NOT_A_TYPE + "#1",
                    UNCATALOGUED + "#1");

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
    void writeInput() {
        input = dir.resolve("input");
        output = dir.resolve("output");
        write(
                "registry/enterprises.csv",
                UTF_8,
                """
                统一社会信用代码,企业名称,注册号,曾用名,行政区划代码,登记状态
                91110000600037341L,朝阳市某某商贸有限公司,,朝阳某某商行;朝阳市某某贸易有限公司,211302,存续
                91310115MA1K3BTP2B,朝阳市环保科技有限公司,,,211303,存续
                """);
        write(
                "catalog/catalogue.csv",
                UTF_8,
                """
                部门编码,部门名称,行政区划代码,信息类别,更新周期
                SCJG01,朝阳市市场监督管理局,211302,行政处罚、行政许可,每月
                HBJ02,朝阳市生态环境局,211303,penalty,每月
                """);
        // The department's own export: current Chinese headers, UTF-8 with BOM.
        writeBytes(
                PENALTY_FROM_DEPARTMENT,
                concat(
                        BOM,
                        """
                行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,数据更新时间
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2023〕12号,罚款,1.5,2023-05-06,朝阳市市场监督管理局,2023-05-07 09:00:00
                朝阳某某商行,,朝市监罚〔2023〕13号,警告,,2023-06-01,朝阳市市场监督管理局,
                """
                                .getBytes(UTF_8)));
        // The same decision re-sent through the credit platform: CF_ codes, GBK, square brackets.
        write(
                SAME_PENALTY_VIA_CREDIT_PLATFORM,
                GBK,
                """
                CF_XDR_MC,CF_XDR_SHXYM,CF_WSH,CF_CFLB,CF_NR_FK,CF_JDRQ,CF_CFJG,CF_ZT
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚[2023]12号,罚款,1.5,2023/5/6,朝阳市市场监督管理局,有效
                """);
        write(
                LICENSES,
                UTF_8,
                """
                {"subject_name": "朝阳市某某商贸有限公司", "uscc": "91110000600037341L", "doc_no": "朝市监许〔2023〕7号", "decision_date": "2023-05-06", "license_name": "食品经营许可证"}
                {"subject_name": "朝阳市某某商贸有限公司", "doc_no": "朝市监许〔2023〕8号", "decision_date":
                {"subject_name": "李四", "subject_category": "自然人", "id_no": "11010519491231002X", "doc_no": "朝市监许〔2023〕9号", "decision_date": "2023-07-01"}
                """);
        write(
                NOT_A_TYPE,
                UTF_8,
                """
                行政相对人名称,文号,决定日期
                朝阳市某某商贸有限公司,朝市监其〔2023〕1号,2023-05-06
                """);
        write(
                UNCATALOGUED,
                UTF_8,
                """
                行政相对人名称,检查编号,检查结果,检查日期
                朝阳市环保科技有限公司,JT-2023-001,未发现问题,2023-08-09
                """);
    }

    private static Configuration conf() {
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.PROCESSING_DATE, "2026-11-25");
        conf.set(GuijiOptions.PARALLELISM, PARALLELISM);
        conf.set(
                org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES,
                false); // no Kryo anywhere in the job
        return conf;
    }

    // ---- the three outputs ---------------------------------------------------------------------

    @Test
    void bothCopiesOfOnePenaltyBecomeOneUnifiedRecordWithBothSources() throws Exception {
        FileRunJob.run(input, output, conf());

        List<JsonNode> penalty12 =
                finalStates().stream()
                        .filter(n -> n.get("doc_no").asText().equals("朝市监罚〔2023〕12号"))
                        .toList();
        assertThat(penalty12).as("one unified record for the two copies").hasSize(1);
        JsonNode r = penalty12.get(0);
        assertThat(sources(r))
                .containsExactlyInAnyOrder(
                        PENALTY_FROM_DEPARTMENT + "#1", SAME_PENALTY_VIA_CREDIT_PLATFORM + "#1");
        assertThat(r.get("record_type").asText()).isEqualTo("penalty");
        assertThat(r.get("dept_code").asText()).isEqualTo("SCJG01");
        assertThat(r.get("subject_name").asText()).isEqualTo("朝阳市某某商贸有限公司");
        assertThat(r.get("decision_date").asText()).isEqualTo("2023-05-06");
        assertThat(r.get("updated_at").asText())
                .as("the copy with the latest updated_at wins")
                .isEqualTo("2023-05-07T09:00:00");
        assertThat(r.get("fine_amount").isNumber()).isTrue();
        assertThat(r.get("fine_amount").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(r.get("enterprise_id").asText()).isEqualTo(USCC);
        assertThat(r.get("link_method").asText()).isEqualTo("USCC");
        assertThat(r.get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void recordsAreLinkedByCodeByFormerNameOrAsPersons() throws Exception {
        FileRunJob.run(input, output, conf());

        Map<String, JsonNode> byDocNo = new HashMap<>();
        for (JsonNode n : finalStates()) {
            byDocNo.put(n.get("doc_no").asText(), n);
        }
        assertThat(byDocNo)
                .containsOnlyKeys(
                        "朝市监罚〔2023〕12号",
                        "朝市监罚〔2023〕13号",
                        "朝市监许〔2023〕7号",
                        "朝市监许〔2023〕9号",
                        "JT-2023-001");
        assertThat(byDocNo.get("朝市监罚〔2023〕13号").get("link_method").asText())
                .isEqualTo("FORMER_NAME");
        assertThat(byDocNo.get("朝市监罚〔2023〕13号").get("enterprise_id").asText()).isEqualTo(USCC);
        assertThat(byDocNo.get("朝市监许〔2023〕7号").get("enterprise_id").asText()).isEqualTo(USCC);
        assertThat(byDocNo.get("JT-2023-001").get("enterprise_id").asText())
                .isEqualTo("91310115MA1K3BTP2B");
        JsonNode person = byDocNo.get("朝市监许〔2023〕9号");
        assertThat(person.get("link_method").asText()).isEqualTo("PERSON");
        assertThat(person.get("enterprise_id").isNull()).isTrue();
        assertThat(person.get("id_no").asText()).isEqualTo("110105********002X");
        assertThat(readLines(output.resolve("unified"))).noneMatch(l -> l.contains(CITIZEN_ID));
    }

    @Test
    void aTradeNameTypoLinksWhenTheRegistrysLegalRepresentativeConfirmsIt() throws Exception {
        write(
                "registry/enterprises.csv",
                UTF_8,
                """
                统一社会信用代码,企业名称,注册号,曾用名,行政区划代码,登记状态,法定代表人
                91110000600037341L,朝阳市某某商贸有限公司,,朝阳某某商行;朝阳市某某贸易有限公司,211302,存续,王建国
                91310115MA1K3BTP2B,朝阳市环保科技有限公司,,,211303,存续,李秀英
                """);
        write(
                "records/SCJG01/penalty/typos.csv",
                UTF_8,
                """
                行政相对人名称,法定代表人,行政处罚决定书文号,处罚类别,处罚决定日期,处罚机关
                朝阳市某甲商贸有限公司,王建国,朝市监罚〔2023〕21号,警告,2023-06-01,朝阳市市场监督管理局
                朝阳市某甲商贸有限公司,张伟,朝市监罚〔2023〕22号,警告,2023-06-02,朝阳市市场监督管理局
                """);

        FileRunJob.run(input, output, conf());

        Map<String, JsonNode> byDocNo = new HashMap<>();
        for (JsonNode n : finalStates()) {
            byDocNo.put(n.get("doc_no").asText(), n);
        }
        JsonNode confirmed = byDocNo.get("朝市监罚〔2023〕21号");
        assertThat(confirmed.get("link_method").asText()).isEqualTo("FUZZY");
        assertThat(confirmed.get("enterprise_id").asText()).isEqualTo(USCC);
        assertThat(confirmed.get("link_evidence").toString())
                .contains("legal_rep=equal", "trade_name=one_edit:某甲/某某");
        JsonNode other = byDocNo.get("朝市监罚〔2023〕22号");
        assertThat(other.get("link_method").asText()).isEqualTo("NONE");
        assertThat(other.get("enterprise_id").isNull()).isTrue();
        assertThat(other.get("candidates").toString()).contains(USCC);
    }

    @Test
    void theBrokenJsonLineIsRejectedMalformedWithItsSourceAndRawText() throws Exception {
        FileRunJob.run(input, output, conf());

        List<JsonNode> rejected = parse(readLines(output.resolve("rejected")));
        JsonNode broken =
                rejected.stream()
                        .filter(n -> n.get("file").asText().equals(LICENSES))
                        .findFirst()
                        .orElseThrow();
        assertThat(broken.get("row").asLong()).isEqualTo(2);
        assertThat(broken.get("reason").asText()).isEqualTo("MALFORMED");
        assertThat(broken.get("message").asText()).isNotBlank();
        assertThat(broken.get("raw").asText())
                .startsWith("{\"subject_name\": \"朝阳市某某商贸有限公司\", \"doc_no\": \"朝市监许〔2023〕8号\"");

        JsonNode unknown =
                rejected.stream()
                        .filter(n -> n.get("file").asText().equals(NOT_A_TYPE))
                        .findFirst()
                        .orElseThrow();
        assertThat(unknown.get("reason").asText()).isEqualTo("UNKNOWN_SOURCE");
        assertThat(rejected).hasSize(2);
    }

    @Test
    void everyInputRecordAppearsExactlyOnceAsASourceOrARejection() throws Exception {
        FileRunJob.run(input, output, conf());

        List<String> seen = new ArrayList<>();
        for (JsonNode n : finalStates()) {
            seen.addAll(sources(n));
        }
        for (JsonNode n : parse(readLines(output.resolve("rejected")))) {
            seen.add(n.get("file").asText() + "#" + n.get("row").asLong());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ALL_INPUT_RECORDS);
    }

    @Test
    void coverageJsonCountsTheCatalogueAgainstAcceptedRecords() throws Exception {
        FileRunJob.Result result = FileRunJob.run(input, output, conf());

        JsonNode c = JSON.readTree(output.resolve("coverage.json").toFile());
        // SCJG01 (penalty ✓, license ✓) covered; HBJ02 (penalty ✗) not: 1/2 departments, 2/3 items.
        assertThat(c.get("dept_coverage").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(c.get("item_coverage").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(c.get("target").asDouble()).isEqualTo(0.95);
        assertThat(c.get("status").asText()).isEqualTo("BELOW");
        assertThat(c.get("uncovered_depts")).extracting(JsonNode::asText).containsExactly("HBJ02");
        assertThat(c.get("uncovered_items")).hasSize(1);
        assertThat(c.get("uncovered_items").get(0).get("dept_code").asText()).isEqualTo("HBJ02");
        assertThat(c.get("uncovered_items").get(0).get("record_type").asText())
                .isEqualTo("penalty");
        assertThat(c.get("uncatalogued_depts"))
                .extracting(JsonNode::asText)
                .containsExactly("JTJ03");

        JsonNode divisions = c.get("by_division");
        assertThat(divisions.get("211302").get("status").asText()).isEqualTo("MET");
        assertThat(divisions.get("211303").get("status").asText()).isEqualTo("BELOW");
        assertThat(divisions.get("211303").get("covered_depts").asInt()).isZero();

        JsonNode scjg = c.get("by_dept").get("SCJG01");
        assertThat(scjg.get("received").asLong()).isEqualTo(7);
        assertThat(scjg.get("accepted").asLong()).isEqualTo(5);
        assertThat(scjg.get("rejected").asLong()).isEqualTo(2);
        assertThat(scjg.get("duplicates").asLong()).isEqualTo(1);
        assertThat(scjg.get("unified").asLong()).isEqualTo(4);
        assertThat(scjg.get("non_person").asLong()).isEqualTo(3);
        assertThat(scjg.get("linked").asLong()).isEqualTo(3);
        assertThat(scjg.get("link_rate").asDouble()).isEqualTo(1.0);
        assertThat(c.get("by_dept").get("HBJ02").get("received").asLong()).isZero();
        assertThat(c.get("by_dept").get("JTJ03").get("catalogued").asBoolean()).isFalse();

        JsonNode totals = c.get("totals");
        assertThat(totals.get("received").asLong()).isEqualTo(ALL_INPUT_RECORDS.size());
        assertThat(totals.get("accepted").asLong()).isEqualTo(6);
        assertThat(totals.get("rejected").asLong()).isEqualTo(2);
        assertThat(totals.get("unified").asLong()).isEqualTo(5);
        assertThat(totals.get("rejected_by_reason").get("MALFORMED").asLong()).isEqualTo(1);
        assertThat(totals.get("rejected_by_reason").get("UNKNOWN_SOURCE").asLong()).isEqualTo(1);

        CoverageSnapshot returned = result.coverage();
        assertThat(returned.getDeptCoverage()).isEqualTo(c.get("dept_coverage").asDouble());
        assertThat(returned.getTotals().getReceived()).isEqualTo(ALL_INPUT_RECORDS.size());
    }

    @Test
    void runningTwiceIntoTheSameOutputReplacesTheResults() throws Exception {
        FileRunJob.run(input, output, conf());
        List<String> firstUnified = recordIdsAndVersions(readLines(output.resolve("unified")));
        List<String> firstRejected = readLines(output.resolve("rejected"));
        Files.writeString(output.resolve("unrelated.txt"), "kept");

        FileRunJob.run(input, output, conf());

        List<String> secondUnified = recordIdsAndVersions(readLines(output.resolve("unified")));
        assertThat(secondUnified)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(firstUnified);
        assertThat(readLines(output.resolve("rejected")))
                .containsExactlyInAnyOrderElementsOf(firstRejected);
        assertThat(output.resolve("coverage.json")).exists();
        assertThat(output.resolve("unrelated.txt"))
                .as("only guiji's own outputs are replaced")
                .hasContent("kept");
        List<String> seen = new ArrayList<>();
        for (JsonNode n : finalStates()) {
            seen.addAll(sources(n));
        }
        assertThat(seen).doesNotHaveDuplicates();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void write(String relative, Charset charset, String content) {
        writeBytes(relative, content.getBytes(charset));
    }

    private void writeBytes(String relative, byte[] bytes) {
        try {
            Path file = input.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The lines of every finished output file under {@code folder} (in-progress and hidden files
     * excluded).
     */
    private static List<String> readLines(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return lines;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files =
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
        }
        for (Path f : files) {
            assertThat(f.getFileName().toString()).endsWith(".jsonl");
            Files.readAllLines(f, UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
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

    /** The final state (highest version) of each record_id in unified/. */
    private List<JsonNode> finalStates() throws IOException {
        Map<String, JsonNode> last = new HashMap<>();
        for (JsonNode n : parse(readLines(output.resolve("unified")))) {
            last.merge(
                    n.get("record_id").asText(),
                    n,
                    (a, b) -> a.get("version").asLong() >= b.get("version").asLong() ? a : b);
        }
        return new ArrayList<>(last.values());
    }

    private static List<String> sources(JsonNode unified) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : unified.get("sources")) {
            out.add(s.get("file").asText() + "#" + s.get("row").asLong());
        }
        return out;
    }

    private static List<String> recordIdsAndVersions(List<String> lines) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : parse(lines)) {
            out.add(n.get("record_id").asText() + " v" + n.get("version").asLong());
        }
        return out;
    }
}
