package io.guiji.connectors.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.schemas.CatalogItem;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.CoverageTotals;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.DeptStats;
import io.guiji.schemas.DivisionCoverage;
import io.guiji.schemas.LicenseDetails;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON shapes of docs/contract.md §9, written by {@link OutputJson} and read back with Jackson.
 */
class OutputJsonTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final String USCC = "91110000600037341L";

    private static final List<String> COMMON_KEYS =
            List.of(
                    "record_id",
                    "version",
                    "record_type",
                    "dept_code",
                    "doc_no",
                    "subject_name",
                    "subject_category",
                    "uscc",
                    "reg_no",
                    "org_code",
                    "legal_rep",
                    "id_type",
                    "id_no",
                    "decision_date",
                    "authority",
                    "status",
                    "updated_at");
    private static final List<String> PENALTY_KEYS =
            List.of(
                    "violation_type",
                    "violation_facts",
                    "legal_basis",
                    "penalty_category",
                    "content",
                    "fine_amount",
                    "confiscated_amount",
                    "publicity_until");
    private static final List<String> LINK_KEYS =
            List.of(
                    "enterprise_id",
                    "link_method",
                    "link_confidence",
                    "candidates",
                    "quality_flags",
                    "sources");

    // ---- fixtures ------------------------------------------------------------------------------

    private static DecisionFields.Builder penaltyFields(BigDecimal fine) {
        return DecisionFields.newBuilder()
                .setDocNo("朝市监罚〔2023〕12号")
                .setSubjectName("朝阳市某某商贸有限公司")
                .setSubjectCategory("法人及非法人组织")
                .setUscc(USCC)
                .setRegNo(null)
                .setOrgCode(null)
                .setLegalRep("张三")
                .setIdType(null)
                .setIdNo(null)
                .setDecisionDate("2023-05-06")
                .setAuthority("朝阳市市场监督管理局")
                .setStatus(RecordStatus.ACTIVE)
                .setUpdatedAt("2023-05-07T09:00:00")
                .setDetails(
                        new PenaltyDetails(
                                "无照经营",
                                "未取得营业执照从事经营活动",
                                "《无证无照经营查处办法》第十三条",
                                "罚款",
                                "罚款1.5万元",
                                fine,
                                null,
                                "2026-05-06"));
    }

    /** A penalty linked by USCC, seen through two channels. */
    private static UnifiedRecord linkedPenalty(BigDecimal fine) {
        return UnifiedRecord.newBuilder()
                .setRecordId("b702f4d353522c4445da8eb74eb0cc96")
                .setVersion(3L)
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(penaltyFields(fine).build())
                .setEnterpriseId(USCC)
                .setLinkMethod(LinkMethod.USCC)
                .setLinkConfidence(1.0)
                .setCandidates(List.of())
                .setQualityFlags(List.of("CODE_IN_WRONG_COLUMN"))
                .setSources(
                        List.of(
                                new SourceRef("records/SCJG01/penalty/a.csv", 1L),
                                new SourceRef("records/SCJG01/penalty/b.csv", 7L)))
                .build();
    }

    private static UnifiedRecord unlinkedWithCandidates() {
        return UnifiedRecord.newBuilder(linkedPenalty(new BigDecimal("1.500000")))
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setCandidates(
                        List.of(
                                new LinkCandidate("91310115MA1K3BTP2B", "朝阳市某某商贸有限责任公司", 0.82),
                                new LinkCandidate("92340602MA2PBMEM24", "朝阳某某商贸", 0.61)))
                .setQualityFlags(List.of())
                .build();
    }

    private static String write(UnifiedRecord r) throws IOException {
        return encode((JsonLinesEncoder.Writer<UnifiedRecord>) OutputJson::write, r);
    }

    @SafeVarargs
    private static <T> String encode(JsonLinesEncoder.Writer<T> writer, T... elements)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesEncoder<T> lines = new JsonLinesEncoder<>(writer, out)) {
            for (T e : elements) {
                lines.write(e);
            }
        }
        return out.toString(UTF_8);
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    // ---- unified records -----------------------------------------------------------------------

    @Test
    void aUnifiedPenaltyIsOneFlatObjectWithTheContractsKeys() throws IOException {
        JsonNode n = JSON.readTree(write(linkedPenalty(new BigDecimal("1.500000"))));

        assertThat(n.isObject()).isTrue();
        List<String> expected = new ArrayList<>(COMMON_KEYS);
        expected.addAll(PENALTY_KEYS);
        expected.addAll(LINK_KEYS);
        assertThat(keys(n)).containsAll(expected).doesNotHaveDuplicates();
        assertThat(keys(n).subList(0, 5))
                .containsExactly("record_id", "version", "record_type", "dept_code", "doc_no");
        assertThat(keys(n))
                .as("identity, then fields, then link and provenance")
                .containsSubsequence(
                        "doc_no",
                        "subject_name",
                        "status",
                        "fine_amount",
                        "enterprise_id",
                        "sources");
        assertThat(keys(n))
                .as("no nesting: fields and details are flattened")
                .doesNotContain("fields", "details");
        n.fields()
                .forEachRemaining(
                        e ->
                                assertThat(e.getValue().isObject())
                                        .as("%s is not an object", e.getKey())
                                        .isFalse());
    }

    @Test
    void aUnifiedPenaltyCarriesItsValues() throws IOException {
        JsonNode n = JSON.readTree(write(linkedPenalty(new BigDecimal("1.500000"))));

        assertThat(n.get("record_id").asText()).isEqualTo("b702f4d353522c4445da8eb74eb0cc96");
        assertThat(n.get("version").isIntegralNumber()).isTrue();
        assertThat(n.get("version").asLong()).isEqualTo(3);
        assertThat(n.get("record_type").asText()).isEqualTo("penalty");
        assertThat(n.get("dept_code").asText()).isEqualTo("SCJG01");
        assertThat(n.get("doc_no").asText()).isEqualTo("朝市监罚〔2023〕12号");
        assertThat(n.get("subject_name").asText()).isEqualTo("朝阳市某某商贸有限公司");
        assertThat(n.get("uscc").asText()).isEqualTo(USCC);
        assertThat(n.get("decision_date").asText()).isEqualTo("2023-05-06");
        assertThat(n.get("updated_at").asText()).isEqualTo("2023-05-07T09:00:00");
        assertThat(n.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(n.get("penalty_category").asText()).isEqualTo("罚款");
        assertThat(n.get("publicity_until").asText()).isEqualTo("2026-05-06");
        assertThat(n.get("enterprise_id").asText()).isEqualTo(USCC);
        assertThat(n.get("link_method").asText()).isEqualTo("USCC");
        assertThat(n.get("link_confidence").isNumber()).isTrue();
        assertThat(n.get("link_confidence").asDouble()).isEqualTo(1.0);
        assertThat(n.get("candidates").isArray()).isTrue();
        assertThat(n.get("candidates")).isEmpty();
        assertThat(n.get("quality_flags").isArray()).isTrue();
        assertThat(n.get("quality_flags").get(0).asText()).isEqualTo("CODE_IN_WRONG_COLUMN");
    }

    @Test
    void sourcesAreFileAndRowObjects() throws IOException {
        JsonNode sources = JSON.readTree(write(linkedPenalty(BigDecimal.ONE))).get("sources");

        assertThat(sources).hasSize(2);
        assertThat(keys(sources.get(0))).containsExactly("file", "row");
        assertThat(sources.get(0).get("file").asText()).isEqualTo("records/SCJG01/penalty/a.csv");
        assertThat(sources.get(0).get("row").isIntegralNumber()).isTrue();
        assertThat(sources.get(0).get("row").asLong()).isEqualTo(1);
        assertThat(sources.get(1).get("file").asText()).isEqualTo("records/SCJG01/penalty/b.csv");
        assertThat(sources.get(1).get("row").asLong()).isEqualTo(7);
    }

    @Test
    void absentValuesArePresentAsJsonNull() throws IOException {
        String line = write(unlinkedWithCandidates());
        JsonNode n = JSON.readTree(line);

        for (String key :
                List.of(
                        "reg_no",
                        "org_code",
                        "id_type",
                        "id_no",
                        "confiscated_amount",
                        "enterprise_id")) {
            assertThat(n.has(key)).as(key + " present").isTrue();
            assertThat(n.get(key).isNull()).as(key + " is null").isTrue();
        }
        assertThat(line).contains("\"enterprise_id\":null");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.500000, 1.5",
        "1.5, 1.5",
        "100.000000, 100",
        "0.000000, 0",
        "1234.567891, 1234.567891",
        "0.000100, 0.0001",
    })
    void amountsAreJsonNumbersInPlainDecimalNotation(String stored, String written)
            throws IOException {
        String line = write(linkedPenalty(new BigDecimal(stored)));

        assertThat(line).contains("\"fine_amount\":" + written + ",");
        JsonNode fine = JSON.readTree(line).get("fine_amount");
        assertThat(fine.isNumber()).as("a number, not a string").isTrue();
        assertThat(fine.decimalValue()).isEqualByComparingTo(stored);
        assertThat(line)
                .doesNotContain("\"" + stored + "\"")
                .doesNotContain("E+")
                .doesNotContain("E-")
                .doesNotContain("1.5E0");
    }

    @Test
    void candidatesCarryEnterpriseNameAndScore() throws IOException {
        JsonNode n = JSON.readTree(write(unlinkedWithCandidates()));

        assertThat(n.get("link_method").asText()).isEqualTo("NONE");
        JsonNode candidates = n.get("candidates");
        assertThat(candidates).hasSize(2);
        assertThat(keys(candidates.get(0))).containsExactly("enterprise_id", "name", "score");
        assertThat(candidates.get(0).get("enterprise_id").asText()).isEqualTo("91310115MA1K3BTP2B");
        assertThat(candidates.get(0).get("name").asText()).isEqualTo("朝阳市某某商贸有限责任公司");
        assertThat(candidates.get(0).get("score").doubleValue()).isEqualTo(0.82);
    }

    @Test
    void aRevokedRecordIsPublishedWithStatusRevoked() throws IOException {
        UnifiedRecord revoked =
                UnifiedRecord.newBuilder(linkedPenalty(BigDecimal.ONE))
                        .setFields(
                                penaltyFields(BigDecimal.ONE)
                                        .setStatus(RecordStatus.REVOKED)
                                        .build())
                        .build();

        assertThat(JSON.readTree(write(revoked)).get("status").asText()).isEqualTo("REVOKED");
    }

    @Test
    void eachTypeWritesItsOwnDetailFields() throws IOException {
        UnifiedRecord license =
                UnifiedRecord.newBuilder(linkedPenalty(BigDecimal.ONE))
                        .setRecordType(RecordType.license)
                        .setFields(
                                penaltyFields(null)
                                        .setDocNo("朝市监许〔2023〕7号")
                                        .setDetails(
                                                new LicenseDetails(
                                                        "食品经营许可证",
                                                        "JY12113020001234",
                                                        "普通",
                                                        "预包装食品销售",
                                                        "2023-05-06",
                                                        null))
                                        .build())
                        .build();

        JsonNode n = JSON.readTree(write(license));

        assertThat(keys(n))
                .contains(
                        "license_name",
                        "license_no",
                        "license_category",
                        "content",
                        "valid_from",
                        "valid_to")
                .doesNotContain("fine_amount", "violation_type");
        assertThat(n.get("license_no").asText()).isEqualTo("JY12113020001234");
        assertThat(n.get("valid_to").isNull()).isTrue();
    }

    @Test
    void theEncoderWritesOneUtf8ObjectPerLine() throws IOException {
        String out =
                encode(
                        (JsonLinesEncoder.Writer<UnifiedRecord>) OutputJson::write,
                        linkedPenalty(BigDecimal.ONE),
                        unlinkedWithCandidates());

        assertThat(out).endsWith("\n").contains("朝市监罚〔2023〕12号").doesNotContain("\\u");
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("record_id").asText())
                    .isEqualTo("b702f4d353522c4445da8eb74eb0cc96");
        }
    }

    // ---- rejected records ----------------------------------------------------------------------

    @Test
    void aRejectedRecordHasFileRowReasonMessageAndRaw() throws IOException {
        RejectedRecord r =
                RejectedRecord.newBuilder()
                        .setFile("records/SCJG01/license/l.jsonl")
                        .setRow(3L)
                        .setReason(RejectReason.MALFORMED)
                        .setMessage("broken JSON: unexpected end of input")
                        .setRaw("{\"doc_no\": \"朝市监许〔2023〕8号\", \"subject_name\": ")
                        .setDeptCode("SCJG01")
                        .setRecordType("license")
                        .build();

        String line = encode((JsonLinesEncoder.Writer<RejectedRecord>) OutputJson::write, r);
        assertThat(line.lines()).hasSize(1);
        JsonNode n = JSON.readTree(line);

        assertThat(keys(n)).contains("file", "row", "reason", "message", "raw");
        assertThat(n.get("file").asText()).isEqualTo("records/SCJG01/license/l.jsonl");
        assertThat(n.get("row").isIntegralNumber()).isTrue();
        assertThat(n.get("row").asLong()).isEqualTo(3);
        assertThat(n.get("reason").asText()).isEqualTo("MALFORMED");
        assertThat(n.get("message").asText()).isEqualTo("broken JSON: unexpected end of input");
        assertThat(n.get("raw").asText())
                .as("raw text survives JSON escaping")
                .isEqualTo("{\"doc_no\": \"朝市监许〔2023〕8号\", \"subject_name\": ");
    }

    @Test
    void aRejectedRecordWithoutDeptOrTypeWritesNulls() throws IOException {
        RejectedRecord r =
                RejectedRecord.newBuilder()
                        .setFile("records/x.csv")
                        .setRow(1L)
                        .setReason(RejectReason.UNKNOWN_SOURCE)
                        .setMessage("the path does not name a record type")
                        .setRaw("a,b\n\"c")
                        .build();

        JsonNode n =
                JSON.readTree(
                        encode((JsonLinesEncoder.Writer<RejectedRecord>) OutputJson::write, r));

        assertThat(n.get("reason").asText()).isEqualTo("UNKNOWN_SOURCE");
        assertThat(n.get("raw").asText()).isEqualTo("a,b\n\"c");
        assertThat(n.get("dept_code").isNull()).isTrue();
    }

    // ---- coverage ------------------------------------------------------------------------------

    private static CoverageSnapshot coverage() {
        Map<String, DivisionCoverage> byDivision = new TreeMap<>();
        byDivision.put("211302", new DivisionCoverage("211302", 1, 1, 2, 2, 1.0, 1.0, "MET"));
        byDivision.put("211303", new DivisionCoverage("211303", 1, 0, 1, 0, 0.0, 0.0, "BELOW"));
        Map<String, DeptStats> byDept = new TreeMap<>();
        byDept.put(
                "SCJG01",
                DeptStats.newBuilder()
                        .setDeptCode("SCJG01")
                        .setDeptName("朝阳市市场监督管理局")
                        .setDivisionCode("211302")
                        .setCatalogued(true)
                        .setReceived(5L)
                        .setAccepted(4L)
                        .setRejected(1L)
                        .setDuplicates(1L)
                        .setUnified(3L)
                        .setNonPerson(3L)
                        .setLinked(2L)
                        .setLinkRate(2.0 / 3)
                        .setRecordTypes(List.of("license", "penalty"))
                        .setCoveredItems(2)
                        .setCataloguedItems(2)
                        .build());
        byDept.put(
                "HBJ02",
                DeptStats.newBuilder()
                        .setDeptCode("HBJ02")
                        .setDeptName("朝阳市生态环境局")
                        .setDivisionCode("211303")
                        .setCatalogued(true)
                        .setReceived(0L)
                        .setAccepted(0L)
                        .setRejected(0L)
                        .setDuplicates(0L)
                        .setUnified(0L)
                        .setNonPerson(0L)
                        .setLinked(0L)
                        .setLinkRate(null)
                        .setRecordTypes(List.of())
                        .setCoveredItems(0)
                        .setCataloguedItems(1)
                        .build());
        return CoverageSnapshot.newBuilder()
                .setPeriod("all-input")
                .setGeneratedAt("2026-11-25T10:00:00")
                .setDeptCoverage(0.5)
                .setItemCoverage(2.0 / 3)
                .setTarget(0.95)
                .setStatus("BELOW")
                .setUncoveredDepts(List.of("HBJ02"))
                .setUncoveredItems(List.of(new CatalogItem("HBJ02", RecordType.penalty)))
                .setUncataloguedDepts(List.of("JTJ03"))
                .setByDivision(byDivision)
                .setByDept(byDept)
                .setTotals(
                        new CoverageTotals(
                                6L,
                                4L,
                                2L,
                                1L,
                                3L,
                                3L,
                                2L,
                                Map.of("MALFORMED", 2L),
                                0L,
                                0L,
                                0L,
                                0L))
                .build();
    }

    @Test
    void aCoverageSnapshotHasTheContractsKeys() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = OutputJson.generator(out)) {
            OutputJson.write(g, coverage());
        }
        JsonNode n = JSON.readTree(out.toString(UTF_8));

        assertThat(keys(n))
                .contains(
                        "dept_coverage",
                        "item_coverage",
                        "target",
                        "status",
                        "uncovered_depts",
                        "uncovered_items",
                        "uncatalogued_depts",
                        "by_division",
                        "by_dept");
        assertThat(n.get("dept_coverage").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(n.get("item_coverage").doubleValue())
                .isCloseTo(0.6667, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(n.get("target").decimalValue()).isEqualByComparingTo("0.95");
        assertThat(n.get("status").asText()).isEqualTo("BELOW");
        assertThat(n.get("uncovered_depts")).extracting(JsonNode::asText).containsExactly("HBJ02");
        assertThat(n.get("uncatalogued_depts"))
                .extracting(JsonNode::asText)
                .containsExactly("JTJ03");
        JsonNode item = n.get("uncovered_items").get(0);
        assertThat(keys(item)).containsExactly("dept_code", "record_type");
        assertThat(item.get("dept_code").asText()).isEqualTo("HBJ02");
        assertThat(item.get("record_type").asText()).isEqualTo("penalty");
    }

    @Test
    void coverageByDivisionAndByDeptAreObjectsKeyedByCode() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = OutputJson.generator(out)) {
            OutputJson.write(g, coverage());
        }
        JsonNode n = JSON.readTree(out.toString(UTF_8));

        JsonNode division = n.get("by_division");
        assertThat(keys(division)).containsExactly("211302", "211303");
        assertThat(division.get("211302").get("dept_coverage").asDouble()).isEqualTo(1.0);
        assertThat(division.get("211302").get("status").asText()).isEqualTo("MET");
        assertThat(division.get("211303").get("covered_depts").asInt()).isZero();

        JsonNode dept = n.get("by_dept");
        assertThat(keys(dept)).containsExactlyInAnyOrder("SCJG01", "HBJ02");
        JsonNode scjg = dept.get("SCJG01");
        assertThat(scjg.get("dept_name").asText()).isEqualTo("朝阳市市场监督管理局");
        assertThat(scjg.get("received").asLong()).isEqualTo(5);
        assertThat(scjg.get("accepted").asLong()).isEqualTo(4);
        assertThat(scjg.get("rejected").asLong()).isEqualTo(1);
        assertThat(scjg.get("duplicates").asLong()).isEqualTo(1);
        assertThat(scjg.get("link_rate").asDouble())
                .isCloseTo(0.6667, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(scjg.get("record_types"))
                .extracting(JsonNode::asText)
                .containsExactly("license", "penalty");
        assertThat(dept.get("HBJ02").get("link_rate").isNull()).isTrue();

        Iterator<String> totals = n.get("totals").fieldNames();
        assertThat(totals)
                .toIterable()
                .contains("received", "accepted", "rejected", "rejected_by_reason");
        assertThat(n.get("totals").get("rejected_by_reason").get("MALFORMED").asLong())
                .isEqualTo(2);
    }
}
