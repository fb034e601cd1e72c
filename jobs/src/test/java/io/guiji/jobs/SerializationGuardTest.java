package io.guiji.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CatalogItem;
import io.guiji.schemas.CoercionDetails;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.CoverageTotals;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.DeptStats;
import io.guiji.schemas.DishonestyDetails;
import io.guiji.schemas.DivisionCoverage;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.HealthComponent;
import io.guiji.schemas.HealthIndex;
import io.guiji.schemas.InspectionDetails;
import io.guiji.schemas.JudicialDetails;
import io.guiji.schemas.Lead;
import io.guiji.schemas.LeadEvidence;
import io.guiji.schemas.LicenseDetails;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.ProfileCase;
import io.guiji.schemas.ProfileLicence;
import io.guiji.schemas.ProfileListing;
import io.guiji.schemas.ProfileMeasure;
import io.guiji.schemas.ProfilePenalty;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.CodeChoice;
import io.guiji.schemas.internal.DedupState;
import io.guiji.schemas.internal.DeptCounters;
import io.guiji.schemas.internal.DeptDelta;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RecordFacts;
import io.guiji.schemas.internal.RegistryMatch;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STYLE §12: every record and state type travels through Flink's own serializers, never Kryo. Each
 * sample fills every field (checked), so decimals, unions, arrays and maps are exercised.
 */
class SerializationGuardTest {

    static Stream<Arguments> records() {
        return Stream.of(
                sample(SupervisionRecord.class, supervisionRecord(penaltyDetails())),
                sample(UnifiedRecord.class, unifiedRecord(penaltyDetails())),
                sample(UnifiedRecord.class, unifiedRecord(judicialDetails())),
                sample(UnifiedRecord.class, unifiedRecord(licenseDetails())),
                sample(UnifiedRecord.class, unifiedRecord(inspectionDetails())),
                sample(UnifiedRecord.class, unifiedRecord(coercionDetails())),
                sample(UnifiedRecord.class, unifiedRecord(dishonestyDetails())),
                sample(RejectedRecord.class, rejectedRecord()),
                sample(RegistryEntry.class, registryEntry()),
                sample(CatalogEntry.class, catalogEntry()),
                sample(CoverageSnapshot.class, coverageSnapshot()),
                sample(LinkChange.class, linkChange()),
                sample(DedupState.class, dedupState()),
                sample(
                        IndexUpdate.class,
                        new IndexUpdate(
                                "N:朝阳市鑫源建材厂", "91110000600037341L", "朝阳市鑫源建材有限公司", true, true)),
                sample(
                        LookupRequest.class,
                        new LookupRequest("U:91110000600037341L", "penalty:SCJG01:朝市监罚〔2024〕12号")),
                sample(LookupAnswer.class, lookupAnswer()),
                sample(DeptDelta.class, deptDelta()),
                sample(DeptCounters.class, deptCounters()),
                sample(RecordFacts.class, recordFacts()),
                sample(EnterpriseProfile.class, enterpriseProfile()),
                sample(Lead.class, lead()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    <T extends IndexedRecord> void avroRecordRoundTripsWithoutKryo(
            String name, Class<T> type, T value) throws Exception {
        fillPlainFieldsLeftUnset(value);
        assertEveryFieldSet(value, type.getSimpleName());

        T back = roundTrip(type, value);

        assertThat(back).isEqualTo(value);
        assertThat(back).isNotSameAs(value);
    }

    @Test
    void decimalAmountsKeepValueAndScale() throws Exception {
        UnifiedRecord back = roundTrip(UnifiedRecord.class, unifiedRecord(penaltyDetails()));

        PenaltyDetails p = (PenaltyDetails) back.getFields().getDetails();
        assertThat(p.getFineAmount()).isEqualTo(new BigDecimal("12.345678"));
        assertThat(p.getConfiscatedAmount()).isEqualTo(new BigDecimal("0.500000"));
        JudicialDetails j =
                (JudicialDetails)
                        roundTrip(UnifiedRecord.class, unifiedRecord(judicialDetails()))
                                .getFields()
                                .getDetails();
        assertThat(j.getAmount()).isEqualTo(new BigDecimal("123456789012345678.000001"));
    }

    @Test
    void rawRowRoundTripsAsAPojoWithoutKryo() throws Exception {
        RawRow row =
                new RawRow(
                        "records/SCJG01/penalty/2024-03.csv",
                        7L,
                        new String[] {"行政相对人名称", "行政处罚决定书文号", "罚款金额（万元）"},
                        new String[] {"朝阳市鑫源建材有限公司", "朝市监罚[2024]12号", null},
                        "朝阳市鑫源建材有限公司,朝市监罚[2024]12号,",
                        "wrong column count",
                        "GB18030");
        // Every other public field (a POJO's whole state) gets a value too, so a new field is
        // covered.
        for (Field f : pojoFields(RawRow.class)) {
            if (f.get(row) == null) {
                assertThat(f.getType())
                        .as("RawRow.%s needs a sample value", f.getName())
                        .isEqualTo(String.class);
                f.set(row, "sample-" + f.getName());
            }
        }

        RawRow back = roundTrip(RawRow.class, row);

        assertThat(back).isEqualTo(row);
        for (Field f : pojoFields(RawRow.class)) {
            assertThat(f.get(back)).as("RawRow.%s", f.getName()).isEqualTo(f.get(row));
        }
        assertThat(back.values).containsExactly("朝阳市鑫源建材有限公司", "朝市监罚[2024]12号", null);
    }

    private static List<Field> pojoFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f);
            }
        }
        return fields;
    }

    // ---------------------------------------------------------------- the round trip

    static <T> T roundTrip(Class<T> type, T value) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info)
                .as("%s must not fall back to Kryo", type.getName())
                .isNotInstanceOf(GenericTypeInfo.class);
        TypeSerializer<T> serializer = info.createSerializer(config);

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        DataInputDeserializer in =
                new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        T back = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read back").isZero();
        assertThat(serializer.copy(value)).as("copy").isEqualTo(value);
        return back;
    }

    /**
     * Gives a sample value to plain fields (text, lists and maps of text) the builders above left
     * unset, so a field added to a schema later is exercised too; anything richer (records,
     * decimals, enums) must be set explicitly, or {@link #assertEveryFieldSet} says which.
     */
    static void fillPlainFieldsLeftUnset(IndexedRecord r) {
        for (Schema.Field f : r.getSchema().getFields()) {
            Object v = r.get(f.pos());
            if (v instanceof IndexedRecord nested) {
                fillPlainFieldsLeftUnset(nested);
                continue;
            }
            boolean unset =
                    v == null
                            || (v instanceof List<?> l && l.isEmpty())
                            || (v instanceof Map<?, ?> m && m.isEmpty());
            if (!unset) {
                continue;
            }
            Schema schema = f.schema();
            if (schema.getType() == Schema.Type.UNION) {
                schema =
                        schema.getTypes().stream()
                                .filter(t -> t.getType() != Schema.Type.NULL)
                                .findFirst()
                                .orElse(schema);
            }
            String text = "sample-" + f.name();
            if (schema.getType() == Schema.Type.STRING) {
                r.put(f.pos(), text);
            } else if (schema.getType() == Schema.Type.ARRAY
                    && schema.getElementType().getType() == Schema.Type.STRING) {
                r.put(f.pos(), new ArrayList<>(List.of(text + "-1", text + "-2")));
            } else if (schema.getType() == Schema.Type.MAP
                    && schema.getValueType().getType() == Schema.Type.STRING) {
                r.put(f.pos(), new HashMap<>(Map.of("k", text)));
            }
        }
    }

    /** Guards the samples themselves: a null field, empty array or empty map would test nothing. */
    static void assertEveryFieldSet(IndexedRecord r, String path) {
        for (Schema.Field f : r.getSchema().getFields()) {
            assertValueSet(r.get(f.pos()), path + "." + f.name());
        }
    }

    private static void assertValueSet(Object v, String path) {
        assertThat(v).as(path).isNotNull();
        if (v instanceof IndexedRecord nested) {
            assertEveryFieldSet(nested, path);
        } else if (v instanceof List<?> list) {
            assertThat(list).as(path).isNotEmpty();
            for (int i = 0; i < list.size(); i++) {
                assertValueSet(list.get(i), path + "[" + i + "]");
            }
        } else if (v instanceof Map<?, ?> map) {
            assertThat(map).as(path).isNotEmpty();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                assertValueSet(e.getValue(), path + "{" + e.getKey() + "}");
            }
        }
    }

    // ---------------------------------------------------------------- samples

    private static final BigDecimal AMOUNT = new BigDecimal("12.500000");

    private static RecordFacts recordFacts() {
        return new RecordFacts(
                "E:91110000600037341L",
                "0f3a",
                3L,
                true,
                RecordType.judicial,
                "FY01",
                "〔2025〕辽1302执12号",
                "2025-01-01",
                "朝阳市鑫源建材有限公司",
                "法人及非法人组织",
                "朝阳市双塔区人民法院",
                true,
                "首次执行",
                "detail",
                "text",
                AMOUNT,
                "2025-01-01",
                "2026-01-01",
                true);
    }

    private static EnterpriseProfile enterpriseProfile() {
        ProfilePenalty penalty =
                new ProfilePenalty(
                        "p", "朝市监罚〔2025〕1号", "SCJG01", "局", "2025-05-06", "罚款", "违法", AMOUNT);
        return EnterpriseProfile.newBuilder()
                .setEnterpriseId("91110000600037341L")
                .setName("朝阳市鑫源建材有限公司")
                .setReferenceDate("2026-06-30")
                .setRecordCount(7L)
                .setCountsByType(new HashMap<>(Map.of("penalty", 1L)))
                .setFirstRecordDate("2018-01-01")
                .setLastRecordDate("2026-05-01")
                .setLatestPenalty(penalty)
                .setRecentPenalties(List.of(penalty))
                .setCoerciveMeasuresInForce(
                        List.of(
                                new ProfileMeasure(
                                        "c",
                                        "doc",
                                        "SCJG01",
                                        "局",
                                        "2026-01-01",
                                        "查封",
                                        "2026-09-01")))
                .setDishonestyInForce(
                        List.of(
                                new ProfileListing(
                                        "l",
                                        "doc",
                                        "SCJG01",
                                        "局",
                                        "2026-01-01",
                                        "严重违法失信名单",
                                        "原因",
                                        "2027-01-01")))
                .setAbnormalOperationInForce(
                        List.of(
                                new ProfileListing(
                                        "a",
                                        "doc",
                                        "SCJG01",
                                        "局",
                                        "2026-01-01",
                                        "经营异常名录",
                                        "原因",
                                        "2027-01-01")))
                .setCourtEnforcement(
                        List.of(
                                new ProfileCase(
                                        "j", "doc", "法院", "2025-01-01", "首次执行", AMOUNT, true)))
                .setLicencesValid(
                        List.of(
                                new ProfileLicence(
                                        "v",
                                        "doc",
                                        "SCJG01",
                                        "局",
                                        "食品经营许可证",
                                        "JY1",
                                        "2024-01-01",
                                        "2028-12-31")))
                .setLicencesExpired(
                        List.of(
                                new ProfileLicence(
                                        "x",
                                        "doc",
                                        "HBJ01",
                                        "局",
                                        "排污许可证",
                                        "PW1",
                                        "2018-01-01",
                                        "2021-12-31")))
                .setRecentInspections(new HashMap<>(Map.of("未发现问题", 2L)))
                .setHealth(
                        new HealthIndex(
                                72,
                                "C",
                                "中",
                                "guiji-health-1",
                                List.of(
                                        new HealthComponent(
                                                "penalties", 35.0, 6.0, 1L, "1 recent"))))
                .build();
    }

    private static Lead lead() {
        return new Lead(
                "9c1d",
                "UNLICENSED",
                "无证",
                "OPEN",
                "licence.food",
                "食品经营",
                "NO_LICENCE",
                "91110000600037341L",
                "朝阳市鑫源建材有限公司",
                "市场监督管理部门",
                "2026-06-30",
                List.of(
                        new LeadEvidence(
                                "i",
                                "inspection",
                                "SCJG01",
                                "JC-1",
                                "2026-02-01",
                                "activity=食品经营")));
    }

    private static <T> Arguments sample(Class<T> type, T value) {
        String detail =
                value instanceof UnifiedRecord u
                        ? " with " + u.getFields().getDetails().getClass().getSimpleName()
                        : "";
        return Arguments.of(type.getSimpleName() + detail, type, value);
    }

    static PenaltyDetails penaltyDetails() {
        return PenaltyDetails.newBuilder()
                .setViolationType("虚假宣传")
                .setViolationFacts("在其网店发布虚假广告")
                .setLegalBasis("《中华人民共和国广告法》第五十五条")
                .setPenaltyCategory("罚款;没收违法所得")
                .setContent("罚款12.345678万元")
                .setFineAmount(new BigDecimal("12.345678"))
                .setConfiscatedAmount(new BigDecimal("0.500000"))
                .setPublicityUntil("2027-02-20")
                .build();
    }

    static JudicialDetails judicialDetails() {
        return JudicialDetails.newBuilder()
                .setCaseType("执行实施")
                .setAmount(new BigDecimal("123456789012345678.000001"))
                .setDishonest(true)
                .build();
    }

    static LicenseDetails licenseDetails() {
        return LicenseDetails.newBuilder()
                .setLicenseName("食品经营许可证")
                .setLicenseNo("JY12113020001234")
                .setLicenseCategory("普通")
                .setContent("预包装食品销售")
                .setValidFrom("2024-01-01")
                .setValidTo("2028-12-31")
                .build();
    }

    static InspectionDetails inspectionDetails() {
        return InspectionDetails.newBuilder()
                .setTaskNo("SSJ-2024-001")
                .setInspectionType("双随机抽查")
                .setInspectionItem("广告发布")
                .setResult("未发现问题")
                .build();
    }

    static CoercionDetails coercionDetails() {
        return CoercionDetails.newBuilder()
                .setMeasureType("查封")
                .setContent("查封场所")
                .setReleaseDate("2024-05-01")
                .build();
    }

    static DishonestyDetails dishonestyDetails() {
        return DishonestyDetails.newBuilder()
                .setListType("经营异常名录")
                .setReason("未按期公示年报")
                .setRemovalDate("2025-01-01")
                .build();
    }

    static DecisionFields decisionFields(Object details) {
        return DecisionFields.newBuilder()
                .setDocNo("朝市监罚〔2024〕12号")
                .setSubjectName("朝阳市鑫源建材有限公司")
                .setSubjectCategory("法人及非法人组织")
                .setUscc("91110000600037341L")
                .setRegNo("110108000000016")
                .setOrgCode("600037341")
                .setLegalRep("张三")
                .setIdType("身份证")
                .setIdNo("110105********002X")
                .setDecisionDate("2024-02-20")
                .setAuthority("朝阳市市场监督管理局")
                .setStatus(RecordStatus.REVOKED)
                .setUpdatedAt("2024-06-01T08:00:00")
                .setDetails(details)
                .build();
    }

    static SupervisionRecord supervisionRecord(Object details) {
        return SupervisionRecord.newBuilder()
                .setRecordId("penalty:SCJG01:朝市监罚〔2024〕12号")
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(decisionFields(details))
                .setQualityFlags(new ArrayList<>(List.of("UNKNOWN_STATUS")))
                .setSource(new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L))
                .build();
    }

    static UnifiedRecord unifiedRecord(Object details) {
        return UnifiedRecord.newBuilder()
                .setRecordId("penalty:SCJG01:朝市监罚〔2024〕12号")
                .setVersion(3L)
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(decisionFields(details))
                .setEnterpriseId("91110000600037341L")
                .setLinkMethod(LinkMethod.FUZZY)
                .setLinkConfidence(0.87)
                .setCandidates(
                        new ArrayList<>(
                                List.of(
                                        new LinkCandidate(
                                                "91110000600037341L", "朝阳市鑫源建材有限公司", 0.87),
                                        new LinkCandidate(
                                                "91310115MA1K3BTP2B", "朝阳市鑫源建材有限责任公司", 0.61))))
                .setQualityFlags(new ArrayList<>(List.of("CONFLICTING_USCC", "UNREGISTERED_CODE")))
                .setSources(
                        new ArrayList<>(
                                List.of(
                                        new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                                        new SourceRef("kafka:records/3", 123456789L))))
                .build();
    }

    static RejectedRecord rejectedRecord() {
        return RejectedRecord.newBuilder()
                .setFile("records/SCJG01/penalty/2024-03.csv")
                .setRow(9L)
                .setReason(RejectReason.INVALID_DATE)
                .setMessage("decision_date 2024-02-30 is not a date")
                .setRaw("朝阳市鑫源建材有限公司,朝市监罚[2024]13号,2024-02-30,\uFFFD")
                .setDeptCode("SCJG01")
                .setRecordType("penalty")
                .build();
    }

    static RegistryEntry registryEntry() {
        Map<String, String> extra = new HashMap<>();
        extra.put("注册资本", "100万元");
        extra.put("成立日期", "2008-05-12");
        return RegistryEntry.newBuilder()
                .setEnterpriseId("91110000600037341L")
                .setUscc("91110000600037341L")
                .setName("朝阳市鑫源建材有限公司")
                .setRegNo("110108000000016")
                .setFormerNames(new ArrayList<>(List.of("朝阳市鑫源建材厂", "朝阳鑫源建材商店")))
                .setDivisionCode("211302")
                .setStatus("存续")
                .setExtra(extra)
                .setDeleted(true)
                .setSource(new SourceRef("registry/2024.csv", 42L))
                .build();
    }

    static CatalogEntry catalogEntry() {
        return CatalogEntry.newBuilder()
                .setDeptCode("SCJG01")
                .setDeptName("朝阳市市场监督管理局")
                .setDivisionCode("211302")
                .setRecordType(RecordType.dishonesty)
                .setUpdateCycle("实时")
                .setDeleted(true)
                .build();
    }

    static CoverageSnapshot coverageSnapshot() {
        Map<String, DivisionCoverage> byDivision = new HashMap<>();
        byDivision.put("211302", new DivisionCoverage("211302", 20, 19, 40, 30, 0.95, 0.75, "MET"));
        byDivision.put(
                "211303", new DivisionCoverage("211303", 3, 1, 3, 1, 1.0 / 3, 1.0 / 3, "BELOW"));
        Map<String, DeptStats> byDept = new HashMap<>();
        byDept.put(
                "SCJG01",
                DeptStats.newBuilder()
                        .setDeptCode("SCJG01")
                        .setDeptName("朝阳市市场监督管理局")
                        .setDivisionCode("211302")
                        .setCatalogued(true)
                        .setReceived(10)
                        .setAccepted(8)
                        .setRejected(2)
                        .setDuplicates(1)
                        .setUnified(7)
                        .setNonPerson(6)
                        .setLinked(5)
                        .setLinkRate(5.0 / 6)
                        .setTimely(3L)
                        .setLate(1L)
                        .setTimelinessUnknown(1L)
                        .setTimelinessRate(0.75)
                        .setRecordTypes(new ArrayList<>(List.of("license", "penalty")))
                        .setCoveredItems(2)
                        .setCataloguedItems(3)
                        .setCataloguedTypes(new ArrayList<>(List.of("license", "penalty")))
                        .setAcceptedByType(new HashMap<>(Map.of("license", 8L)))
                        .setRejectedByReason(new HashMap<>(Map.of("MISSING_FIELD", 2L)))
                        .build());
        Map<String, Long> byReason = new HashMap<>();
        byReason.put("MISSING_FIELD", 2L);
        byReason.put("MALFORMED", 1L);
        return CoverageSnapshot.newBuilder()
                .setPeriod("2024")
                .setGeneratedAt("2024-07-01T08:00:00")
                .setPeriodFrom("2024-01-01")
                .setPeriodTo("2024-12-31")
                .setTimeliness(
                        new io.guiji.schemas.TimelinessSummary(
                                7, "calendar/cn-working-days.csv (2024–2026)", 3L, 1L, 1L, 0.75))
                .setDeptCoverage(0.95)
                .setItemCoverage(0.75)
                .setTarget(0.95)
                .setStatus("MET")
                .setUncoveredDepts(new ArrayList<>(List.of("SWJ01")))
                .setUncoveredItems(
                        new ArrayList<>(List.of(new CatalogItem("SWJ01", RecordType.penalty))))
                .setUncataloguedDepts(new ArrayList<>(List.of("TJJ01")))
                .setByDivision(byDivision)
                .setByDept(byDept)
                .setTotals(
                        new CoverageTotals(19L, 14L, 5L, 1L, 13L, 9L, 6L, byReason, 1L, 0L, 0L, 0L))
                .build();
    }

    static LinkChange linkChange() {
        return LinkChange.newBuilder()
                .setRecordId("penalty:SCJG01:朝市监罚〔2024〕12号")
                .setOldEnterpriseId("91310115MA1K3BTP2B")
                .setNewEnterpriseId("91110000600037341L")
                .setOldMethod(LinkMethod.FORMER_NAME)
                .setNewMethod(LinkMethod.NAME)
                .setVersion(4L)
                .setChangedAt("2024-07-01T08:00:00")
                .build();
    }

    static DedupState dedupState() {
        return DedupState.newBuilder()
                .setWinner(supervisionRecord(penaltyDetails()))
                .setWinnerRank(
                        "2024-06-01T08:00:00|012|records/SCJG01/penalty/2024-03.csv|000000000007")
                .setUscc(
                        new CodeChoice(
                                "91110000600037341L", "2024-06-01T08:00:00|012|a|000000000007"))
                .setRegNo(
                        new CodeChoice("110108000000016", "2024-03-01T09:00:00|010|b|000000000002"))
                .setOrgCode(new CodeChoice("600037341", "2024-03-01T09:00:00|010|b|000000000002"))
                .setConflicts(new ArrayList<>(List.of("CONFLICTING_REG_NO")))
                .setSources(
                        new ArrayList<>(
                                List.of(new SourceRef("a.csv", 7L), new SourceRef("b.csv", 2L))))
                .setContentHashes(new ArrayList<>(List.of(-3750763034362895579L, 42L)))
                .setEmittedVersion(2L)
                .build();
    }

    static LookupAnswer lookupAnswer() {
        return LookupAnswer.newBuilder()
                .setRecordId("penalty:SCJG01:朝市监罚〔2024〕12号")
                .setKey("N:朝阳市利民商店")
                .setMatches(
                        new ArrayList<>(
                                List.of(
                                        new RegistryMatch("91110000MA00000011", "朝阳市利民商店", false),
                                        new RegistryMatch(
                                                "91110000MA00000021", "朝阳市利民超市有限公司", true))))
                .setTruncated(true)
                .build();
    }

    static DeptDelta deptDelta() {
        return DeptDelta.newBuilder()
                .setDeptCode("SCJG01")
                .setRecordType(RecordType.coercion)
                .setReceived(1)
                .setAccepted(1)
                .setRejected(1)
                .setRejectReason(
                        RejectReason
                                .PROCESSING_ERROR) // the last symbol: appended for compatibility
                .setDuplicates(-1)
                .setUnified(1)
                .setNonPerson(1)
                .setLinked(-1)
                .setProcessingErrors(1)
                .setDecisionDay(19875)
                .setReceivedDay(19880)
                .setTimeliness(-1)
                .setTimely(1)
                .setLate(-1)
                .setTimelinessUnknown(1)
                .build();
    }

    static DeptCounters deptCounters() {
        Map<String, Long> byType = new HashMap<>();
        byType.put("penalty", 5L);
        byType.put("license", 3L);
        Map<String, Long> byReason = new HashMap<>();
        byReason.put("MALFORMED", 2L);
        return new DeptCounters(
                "SCJG01", 10L, 8L, 2L, 1L, 7L, 6L, 5L, byType, byReason, 1L, 0L, 0L, 0L);
    }
}
