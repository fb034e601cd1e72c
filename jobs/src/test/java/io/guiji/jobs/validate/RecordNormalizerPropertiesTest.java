package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.json.OutputJson;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.dedup.CopyMerger;
import io.guiji.jobs.ingest.RecordIds;
import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.link.Subjects;
import io.guiji.jobs.normalize.HostileText;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.JudicialDetails;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.generic.IndexedRecord;

/**
 * Generated rows for {@link RecordNormalizer}: whatever a row's header and values hold, the
 * normalizer returns exactly one outcome, and what it returns goes through every sink's encoding
 * (Avro binary, the JSON of the outputs) with no character a sink refuses and no amount the
 * output's decimal cannot hold; the accepted record goes on through merging and link keys without
 * failing.
 */
class RecordNormalizerPropertiesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String[] HEADERS = {
        "行政相对人名称",
        "subject_name",
        "统一社会信用代码",
        "工商注册号",
        "组织机构代码",
        "证件号码",
        "证件类型",
        "法定代表人",
        "行政处罚决定书文号",
        "doc_no",
        "文号",
        "处罚决定日期",
        "decision_date",
        "处罚机关",
        "当前状态",
        "数据更新时间",
        "行政相对人类别",
        "违法行为类型",
        "违法事实",
        "处罚依据",
        "处罚类别1",
        "处罚类别2",
        "处罚内容",
        "罚款金额（万元）",
        "罚款金额（元）",
        "罚款金额",
        "没收违法所得、没收非法财物的金额（万元）",
        "没收金额（元）",
        "公示截止期",
        "有效期自",
        "有效期至",
        "许可证书名称",
        "执行标的（元）",
        "执行标的（万元）",
        "amount",
        "是否失信被执行人",
        "列入原因",
        "移出日期",
        "解除日期",
        "强制措施类型",
        "抽查任务编号",
        "检查结果",
        "法定代表人证件号码",
        "备注",
        "*统一社会信用代码*",
        "ＸＫ＿ＷＳＨ",
        "CF_NR_FK",
        "未知列",
    };
    static final String[] TYPES = {
        "penalty", "license", "inspection", "coercion", "judicial", "dishonesty", "处罚", "x"
    };

    private final RecordNormalizer normalizer = new RecordNormalizer(TODAY);

    // ---- generators ---------------------------------------------------------------------------

    /** Values a field might hold: well-formed ones of every kind, and hostile text. */
    static Arbitrary<String> values() {
        Arbitrary<String> usccs =
                Arbitraries.strings()
                        .withChars(Uscc.ALPHABET.toCharArray())
                        .ofLength(17)
                        .map(s -> s + Uscc.checkChar(s));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, HostileText.strings()),
                net.jqwik.api.Tuple.of(2, HostileText.names()),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                "2023-05-06",
                                "2023年5月6日",
                                "20230506",
                                "2099-01-01",
                                "2023-02-30",
                                "44990",
                                "1683331200000",
                                "2023-05-06 09:00:00",
                                "无",
                                "/",
                                "NULL",
                                "",
                                " ")),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                "1.5",
                                "1,234.50",
                                "5000元",
                                "0.5万元",
                                "-3",
                                "1e999999",
                                "NaN",
                                "9".repeat(19),
                                "9".repeat(18),
                                "999999999999999999.9999995",
                                "0." + "0".repeat(30) + "1",
                                "１２３",
                                "¥300",
                                "人民币5万",
                                "9".repeat(30) + "元",
                                "-0")),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                "朝市监罚[2023]12号",
                                "（2019）冀0929执1399号",
                                "11010519491231002X",
                                "110105194912310021",
                                "91110000600037341L",
                                "110108000000016",
                                "600037341",
                                "自然人",
                                "个体工商户",
                                "有效",
                                "撤销",
                                "是",
                                "否")),
                net.jqwik.api.Tuple.of(1, usccs));
    }

    /** Cells of 20,000 to 120,000 characters: digits, or hostile text repeated. */
    static Arbitrary<String> hugeValues() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 6).map(n -> "8".repeat(n * 20_000)),
                HostileText.veryLong());
    }

    static Arbitrary<String> headers() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(HEADERS)),
                net.jqwik.api.Tuple.of(1, HostileText.strings()),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.of(HEADERS).map(h -> "\u0000" + h + "\u200B")));
    }

    @Provide
    Arbitrary<RawRow> rows() {
        Arbitrary<String> files =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(
                                6,
                                Arbitraries.of(TYPES).map(t -> "records/SCJG01/" + t + "/a.csv")),
                        net.jqwik.api.Tuple.of(1, HostileText.strings()),
                        net.jqwik.api.Tuple.of(
                                1,
                                Arbitraries.of(
                                        "records/SC\u0000JG/penalty/a.csv",
                                        "records/\uD800/penalty/x.csv",
                                        "a.csv")));
        Arbitrary<List<String>> header = headers().list().ofMaxSize(14);
        Arbitrary<List<String>> cells = values().injectNull(0.1).list().ofMaxSize(16);
        Arbitrary<String[]> source =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Arbitraries.just(new String[2])),
                        net.jqwik.api.Tuple.of(
                                1,
                                Combinators.combine(
                                                HostileText.strings().injectNull(0.3),
                                                Arbitraries.of(TYPES).injectNull(0.3))
                                        .as((d, t) -> new String[] {d, t})));
        return Combinators.combine(
                        files,
                        Arbitraries.longs().between(0, 1_000_000),
                        header,
                        cells,
                        HostileText.strings().injectNull(0.2),
                        HostileText.strings().injectNull(0.9),
                        source)
                .as(
                        (file, n, h, v, raw, error, src) -> {
                            // mostly a usable row: the required fields present, the rest as
                            // generated
                            RawRow row =
                                    new RawRow(
                                            file,
                                            n,
                                            h.toArray(new String[0]),
                                            v.toArray(new String[0]),
                                            raw,
                                            error,
                                            "UTF-8");
                            return src[0] == null && src[1] == null
                                    ? row
                                    : row.withSource(src[0], src[1]);
                        });
    }

    @Provide
    Arbitrary<RawRow> usableRows() {
        return Combinators.combine(
                        Arbitraries.of(TYPES).filter(t -> !t.equals("x")),
                        HostileText.names(),
                        values().list().ofMinSize(6).ofMaxSize(6),
                        values(),
                        values())
                .as(
                        (type, name, v, docNo, extra) ->
                                new RawRow(
                                        "records/SCJG01/" + type + "/a.csv",
                                        1,
                                        new String[] {
                                            "行政相对人名称",
                                            "文号",
                                            "决定日期",
                                            "罚款金额（万元）",
                                            "没收金额（元）",
                                            "执行标的（元）",
                                            "统一社会信用代码",
                                            "证件号码",
                                            "数据更新时间",
                                            "违法事实"
                                        },
                                        new String[] {
                                            "某" + name,
                                            "朝市监罚" + docNo,
                                            "2023-05-06",
                                            v.get(0),
                                            v.get(1),
                                            v.get(2),
                                            v.get(3),
                                            v.get(4),
                                            v.get(5),
                                            extra
                                        },
                                        name + "," + docNo,
                                        null,
                                        "UTF-8"));
    }

    // ---- properties ---------------------------------------------------------------------------

    @Property
    void everyRowHasExactlyOneOutcomeThatEverySinkTakes(@ForAll("rows") RawRow row)
            throws Exception {
        check(normalizer.normalize(row));
    }

    @Property(tries = 500) // a whole record normalized, merged, linked and encoded per try
    void everyUsableRowIsAcceptedWithOnlyAmountsTheOutputCanHold(@ForAll("usableRows") RawRow row)
            throws Exception {
        RecordNormalizer.Outcome o = normalizer.normalize(row);
        check(o);
        assertThat(o.accepted()).as("rejected: %s", o.rejected()).isNotNull();
    }

    @Property
    void normalizingIsDeterministicAndTheHeaderCacheChangesNothing(@ForAll("rows") RawRow row) {
        RecordNormalizer.Outcome reused = normalizer.normalize(row);
        RecordNormalizer.Outcome fresh = new RecordNormalizer(TODAY).normalize(row);
        assertThat(fresh).isEqualTo(reused);
    }

    @Property(tries = 500) // a whole record normalized, merged, linked and encoded per try
    void acceptedFieldsAreInTheirNormalForm(@ForAll("usableRows") RawRow row) {
        SupervisionRecord r = normalizer.normalize(row).accepted();
        io.guiji.schemas.DecisionFields f = r.getFields();
        assertThat(io.guiji.jobs.normalize.Text.clean(f.getSubjectName()))
                .isEqualTo(f.getSubjectName());
        assertThat(io.guiji.jobs.normalize.DocNumbers.normalize(f.getDocNo()))
                .isEqualTo(f.getDocNo());
        assertThat(LocalDate.parse(f.getDecisionDate())).isBeforeOrEqualTo(TODAY);
        if (f.getIdNo() != null) {
            assertThat(f.getIdNo()).contains("********");
        }
        if (f.getUscc() != null && io.guiji.jobs.normalize.Uscc.isValid(f.getUscc())) {
            assertThat(r.getQualityFlags()).doesNotContain(QualityFlags.INVALID_USCC);
        }
        assertThat(r.getRecordId())
                .isEqualTo(RecordIds.of(r.getRecordType(), r.getDeptCode(), f.getDocNo()));
    }

    @Property(tries = 500) // a whole record normalized, merged, linked and encoded per try
    void aRecordAsksForItsValidCodeAloneOrForDistinctNameKeys(@ForAll("usableRows") RawRow row) {
        UnifiedRecord u =
                CopyMerger.unified(CopyMerger.add(null, normalizer.normalize(row).accepted()));
        List<io.guiji.schemas.internal.LookupRequest> requests = LinkKeys.requestsFor(u);
        List<String> keys =
                requests.stream().map(io.guiji.schemas.internal.LookupRequest::getKey).toList();
        assertThat(keys).doesNotHaveDuplicates().allMatch(k -> k.matches("(?s)(U|R|O|N|F|P):.+"));
        if (Subjects.isNaturalPerson(u.getFields())) {
            assertThat(keys).isEmpty();
        } else if (u.getFields().getUscc() != null && Uscc.isValid(u.getFields().getUscc())) {
            assertThat(keys).containsExactly(LinkKeys.USCC + u.getFields().getUscc());
        }
        assertThat(requests).allMatch(r -> r.getRecordId().equals(u.getRecordId()));
    }

    @Property(tries = 500) // a whole record normalized, merged, linked and encoded per try
    void theControlCharacterFlagIsSetExactlyWhenAReadFieldLostOne(
            @ForAll("usableRows") RawRow row, @ForAll("controls") String control) {
        String[] values = row.values.clone();
        values[0] = values[0] + control;
        RawRow withControl =
                new RawRow(row.file, row.row, row.header, values, row.raw, null, "UTF-8");
        SupervisionRecord plain = normalizer.normalize(row).accepted();
        SupervisionRecord dirty = normalizer.normalize(withControl).accepted();
        assertThat(dirty.getQualityFlags()).contains(QualityFlags.CONTROL_CHARACTERS_REMOVED);
        assertThat(dirty.getFields().getSubjectName())
                .isEqualTo(plain.getFields().getSubjectName());
    }

    @Provide
    Arbitrary<String> controls() {
        return Arbitraries.of(
                "\u0000",
                "\u0001",
                "\u001B",
                "\u007F",
                "\u0090",
                "\uFFFF",
                "\uFDD0",
                "\u0000\u0000");
    }

    @Property(tries = 100)
    void aRowOfAnyShapeWithHugeCellsIsAccountedFor(@ForAll("hugeRows") RawRow row)
            throws Exception {
        check(normalizer.normalize(row));
    }

    @Provide
    Arbitrary<RawRow> hugeRows() {
        return Combinators.combine(
                        headers().list().ofMinSize(1).ofMaxSize(6),
                        Arbitraries.oneOf(hugeValues(), values()).list().ofMinSize(1).ofMaxSize(4))
                .as(
                        (h, v) ->
                                new RawRow(
                                        "records/SCJG01/penalty/a.csv",
                                        7,
                                        h.toArray(new String[0]),
                                        v.toArray(new String[0]),
                                        v.get(0),
                                        null,
                                        "UTF-8"));
    }

    @Example
    void aPenaltyAmountOfAHundredThousandDigitsIsFlaggedAndLeftEmpty() throws Exception {
        // issue 10: Cannot encode decimal with precision 100006 when the record was serialized
        RawRow row =
                new RawRow(
                        "records/SCJG01/penalty/a.csv",
                        1,
                        new String[] {"行政相对人名称", "文号", "决定日期", "罚款金额（万元）", "没收金额（元）"},
                        new String[] {
                            "某某商店（连锁店）",
                            "朝市监罚〔2023〕1号",
                            "2023-05-06",
                            "9".repeat(100_000),
                            "1" + "0".repeat(22)
                        },
                        "",
                        null,
                        "UTF-8");
        SupervisionRecord r = check(normalizer.normalize(row));
        PenaltyDetails d = (PenaltyDetails) r.getFields().getDetails();
        assertThat(d.getFineAmount()).isNull();
        assertThat(d.getConfiscatedAmount()).isNull(); // 10^22 元 is 10^18 万元: one digit too many
        assertThat(r.getQualityFlags())
                .contains("INVALID_FINE_AMOUNT", "INVALID_CONFISCATED_AMOUNT");
    }

    @Example
    void theLargestAmountTheOutputHoldsIsKept() throws Exception {
        RawRow row =
                new RawRow(
                        "records/SCJG01/judicial/a.csv",
                        1,
                        new String[] {"被执行人", "案号", "立案日期", "执行标的（元）"},
                        new String[] {
                            "某某", "（2019）冀0929执1399号", "2023-05-06", "999999999999999999.999999"
                        },
                        "",
                        null,
                        "UTF-8");
        JudicialDetails d =
                (JudicialDetails) check(normalizer.normalize(row)).getFields().getDetails();
        assertThat(d.getAmount()).isEqualTo(new BigDecimal("999999999999999999.999999"));
    }

    @Example
    void aNulInAFieldIsDroppedAndFlaggedAndInTheRawTextEscaped() throws Exception {
        // issue 10: a NUL reached the PostgreSQL sink (invalid byte sequence 0x00)
        RawRow row =
                new RawRow(
                        "records/SCJG01/penalty/a.csv",
                        3,
                        new String[] {"行政相对人名称", "文号", "决定日期", "违法事实"},
                        new String[] {
                            "某某\u0000商店", "朝市监罚〔2023〕1号", "2023-05-06", "无照\uD800经营\u0007"
                        },
                        "某某\u0000商店,朝市监罚〔2023〕1号",
                        null,
                        "UTF-8");
        SupervisionRecord r = check(normalizer.normalize(row));
        assertThat(r.getFields().getSubjectName()).isEqualTo("某某商店");
        assertThat(((PenaltyDetails) r.getFields().getDetails()).getViolationFacts())
                .isEqualTo("无照经营");
        assertThat(r.getQualityFlags()).contains(QualityFlags.CONTROL_CHARACTERS_REMOVED);

        RawRow missing =
                new RawRow(
                        "records/SCJG01/penalty/a.csv",
                        4,
                        new String[] {"行政相对人名称"},
                        new String[] {"某某\u0000商店"},
                        "某某\u0000商店,\uDC00",
                        null,
                        "UTF-8");
        RejectedRecord rejected = normalizer.normalize(missing).rejected();
        check(new RecordNormalizer.Outcome(null, rejected));
        assertThat(rejected.getRaw()).isEqualTo("某某\\u0000商店,\\uDC00");
    }

    @Example
    void aRowWithoutHeaderValuesOrFileIsRejectedNotAFailure() throws Exception {
        RawRow row = new RawRow(null, 0, null, null, null, null, null);
        check(normalizer.normalize(row));
    }

    // ---- checks -------------------------------------------------------------------------------

    /**
     * Exactly one side, every string safe, Avro and JSON encodings succeed; returns the accepted
     * record.
     */
    static SupervisionRecord check(RecordNormalizer.Outcome o) throws Exception {
        assertThat(o).isNotNull();
        assertThat(o.accepted() == null).isNotEqualTo(o.rejected() == null);
        if (o.rejected() != null) {
            RejectedRecord r = o.rejected();
            assertSinkSafe(r);
            r.toByteBuffer();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = OutputJson.generator(out)) {
                OutputJson.write(g, r);
            }
            Map<?, ?> back = JSON.readValue(out.toByteArray(), Map.class);
            assertThat(back.get("raw")).isEqualTo(r.getRaw());
            return null;
        }
        SupervisionRecord s = o.accepted();
        assertSinkSafe(s);
        assertThat(s.getQualityFlags()).isSorted().doesNotHaveDuplicates();
        s.toByteBuffer(); // the decimal fields: precision 24, scale 6
        UnifiedRecord u = CopyMerger.unified(CopyMerger.add(null, s));
        u.toByteBuffer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = OutputJson.generator(out)) {
            OutputJson.write(g, u);
        }
        assertThat(JSON.readValue(out.toByteArray(), Map.class)).containsKey("record_id");
        LinkKeys.requestsFor(u);
        Subjects.isNaturalPerson(u.getFields());
        return s;
    }

    /**
     * Every string anywhere in {@code value} (records, lists, maps) is free of unsafe characters.
     */
    static void assertSinkSafe(Object value) {
        List<String> unsafe = new ArrayList<>();
        collectUnsafe(value, "", unsafe);
        assertThat(unsafe).isEmpty();
    }

    private static void collectUnsafe(Object value, String path, List<String> unsafe) {
        if (value instanceof CharSequence) {
            String s = value.toString();
            if (!SinkSafeText.isSafe(s)) {
                unsafe.add(path + ": " + HostileText.unsafeUnits(s));
            }
        } else if (value instanceof IndexedRecord) {
            IndexedRecord r = (IndexedRecord) value;
            for (org.apache.avro.Schema.Field f : r.getSchema().getFields()) {
                collectUnsafe(r.get(f.pos()), path + "." + f.name(), unsafe);
            }
        } else if (value instanceof List) {
            for (Object o : (List<?>) value) {
                collectUnsafe(o, path + "[]", unsafe);
            }
        } else if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                collectUnsafe(e.getKey(), path + "{key}", unsafe);
                collectUnsafe(e.getValue(), path + "{}", unsafe);
            }
        }
    }
}
