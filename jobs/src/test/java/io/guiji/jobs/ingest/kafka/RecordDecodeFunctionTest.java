package io.guiji.jobs.ingest.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.ReadLimits;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.jobs.ingest.SourceSpec;
import io.guiji.jobs.validate.RecordNormalizer;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka messages to rows and on through the normalizer: every message becomes a record or a
 * rejection.
 */
class RecordDecodeFunctionTest {
    private static final String PENALTY_JSON =
            "{\"行政相对人名称\":\"朝阳市某某商贸有限公司\",\"行政处罚决定书文号\":\"朝市监罚[2026]7号\","
                    + "\"处罚决定日期\":\"2026-03-01\",\"罚款金额（万元）\":1.5}";
    private static final SourceSpec PENALTIES_OF_SCJG01 =
            SourceSpec.kafka(
                    "scjg", "in.penalty", SourceSpec.Format.JSON, "SCJG01", "penalty", null);
    private static final SourceSpec PLATFORM_JSON =
            SourceSpec.kafka(
                    "platform",
                    "in.platform",
                    SourceSpec.Format.JSON,
                    null,
                    null,
                    "doc_no:wsh, subject_name:mc");
    private static final SourceSpec AVRO =
            SourceSpec.kafka("avro", "in.avro", SourceSpec.Format.AVRO, null, null, null);

    private RecordDecodeFunction decoder;
    private final RecordNormalizer normalizer = new RecordNormalizer(LocalDate.of(2026, 11, 25));

    @BeforeEach
    void open() {
        decoder = new RecordDecodeFunction(List.of(PENALTIES_OF_SCJG01, PLATFORM_JSON, AVRO));
        decoder.openForTest();
    }

    private static KafkaBytes message(String topic, long offset, byte[] value) {
        return new KafkaBytes(topic, 1, offset, 0L, null, value);
    }

    private RecordNormalizer.Outcome normalize(String topic, long offset, byte[] value) {
        return normalizer.normalize(decoder.decode(message(topic, offset, value)));
    }

    @Test
    void aJsonPenaltyTakesItsDepartmentAndTypeFromTheTopicAndItsReferenceFromTheOffset() {
        RecordNormalizer.Outcome o = normalize("in.penalty", 41, PENALTY_JSON.getBytes(UTF_8));
        assertThat(o.rejected()).isNull();
        SupervisionRecord r = o.accepted();
        assertThat(r.getDeptCode()).isEqualTo("SCJG01");
        assertThat(r.getRecordType()).isEqualTo(RecordType.penalty);
        assertThat(r.getFields().getDocNo()).isEqualTo("朝市监罚〔2026〕7号");
        assertThat(((PenaltyDetails) r.getFields().getDetails()).getFineAmount())
                .isEqualByComparingTo("1.5");
        assertThat(r.getSource()).isEqualTo(new SourceRef("kafka:in.penalty/1", 41L));
    }

    @Test
    void aPlatformMessageNamesItsOwnDepartmentAndTypeAndFieldsAreRenamed() {
        String json =
                "{\"mc\":\"朝阳市某某商贸有限公司\",\"wsh\":\"朝环罚〔2026〕1号\",\"处罚决定日期\":\"2026-02-02\","
                        + "\"dept_code\":\"hbj02\",\"record_type\":\"行政处罚\"}";
        SupervisionRecord r = normalize("in.platform", 0, json.getBytes(UTF_8)).accepted();
        assertThat(r.getDeptCode()).isEqualTo("HBJ02");
        assertThat(r.getRecordType()).isEqualTo(RecordType.penalty);
        assertThat(r.getFields().getSubjectName()).isEqualTo("朝阳市某某商贸有限公司");
    }

    @Test
    void aMessageThatNamesNoTypeIsAnUnknownSource() {
        RecordNormalizer.Outcome o =
                normalize(
                        "in.platform",
                        3,
                        "{\"mc\":\"x\",\"wsh\":\"1\",\"处罚决定日期\":\"2026-02-02\"}".getBytes(UTF_8));
        assertThat(o.rejected().getReason()).isEqualTo(RejectReason.UNKNOWN_SOURCE);
        assertThat(o.rejected().getMessage()).contains("record type");
        assertThat(o.rejected().getFile()).isEqualTo("kafka:in.platform/1");
        assertThat(o.rejected().getRow()).isEqualTo(3);
    }

    @Test
    void undecodableBytesBrokenJsonAndNonObjectsAreMalformedWithTheirReasons() {
        assertMalformed("in.penalty", new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41}, "not UTF-8");
        assertMalformed("in.penalty", "{\"行政相对人名称\": ".getBytes(UTF_8), "broken JSON");
        assertMalformed("in.penalty", "[1, 2]".getBytes(UTF_8), "not a JSON object but array");
        assertMalformed("in.penalty", "{\"a\":1,\"a\":2}".getBytes(UTF_8), "broken JSON");
        assertMalformed("in.penalty", null, "tombstone");
    }

    @Test
    void messagesOverTheInputLimitsAreMalformedNamingTheOptionKey() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertMalformed(
                "in.penalty",
                deep.getBytes(UTF_8),
                "JSON nested deeper than 64 levels (guiji.input.max-json-depth)");
        String huge = "{\"行政相对人名称\":\"" + "某".repeat(70_000) + "\"}";
        assertMalformed(
                "in.penalty",
                huge.getBytes(UTF_8),
                "value of \"行政相对人名称\" longer than 65536 characters (guiji.input.max-field-chars)");
        String digits = "{\"罚款金额（万元）\":" + "9".repeat(2_000) + "}";
        assertThat(decoder.decode(message("in.penalty", 7, digits.getBytes(UTF_8))).parsed())
                .isTrue();

        decoder = new RecordDecodeFunction(List.of(PENALTIES_OF_SCJG01), new ReadLimits(10, 40, 2));
        decoder.openForTest();
        assertMalformed(
                "in.penalty", "{\"a\":[[1]]}".getBytes(UTF_8), "JSON nested deeper than 2 levels");
        assertMalformed(
                "in.penalty",
                ("{\"a\":\"" + "x".repeat(40) + "\"}").getBytes(UTF_8),
                "message longer than 40 characters (guiji.input.max-record-chars)");
        assertThat(decoder.decode(message("in.penalty", 7, "{\"a\":[1]}".getBytes(UTF_8))).parsed())
                .isTrue();
    }

    @Test
    void aBrokenMessageOfATopicWithoutConfiguredTypeIsStillMalformed() {
        assertMalformed("in.platform", "{oops".getBytes(UTF_8), "broken JSON");
        assertMalformed("in.avro", "{\"doc_no\":\"1\"}".getBytes(UTF_8), "undecodable Avro");
    }

    @Test
    void anAvroSupervisionRecordIsValidatedLikeAnyOtherInput() {
        SupervisionRecord sent =
                SupervisionRecord.newBuilder()
                        .setRecordId("whatever the producer says")
                        .setRecordType(RecordType.penalty)
                        .setDeptCode("SCJG01")
                        .setFields(
                                DecisionFields.newBuilder()
                                        .setDocNo("朝市监罚[2026]8号")
                                        .setSubjectName("朝阳市某某商贸有限公司")
                                        .setUscc("91110000600037341l")
                                        .setDecisionDate("2026-03-01")
                                        .setStatus(RecordStatus.REVOKED)
                                        .setDetails(
                                                PenaltyDetails.newBuilder()
                                                        .setFineAmount(new BigDecimal("2.500000"))
                                                        .build())
                                        .build())
                        .setSource(new SourceRef("elsewhere", 9L))
                        .build();
        SupervisionRecord r =
                normalize("in.avro", 5, new AvroBinary<>(SupervisionRecord.class).encode(sent))
                        .accepted();
        assertThat(r.getRecordId()).isNotEqualTo("whatever the producer says").hasSize(32);
        assertThat(r.getFields().getDocNo()).isEqualTo("朝市监罚〔2026〕8号");
        assertThat(r.getFields().getUscc()).isEqualTo("91110000600037341L");
        assertThat(r.getFields().getStatus()).isEqualTo(RecordStatus.REVOKED);
        assertThat(((PenaltyDetails) r.getFields().getDetails()).getFineAmount())
                .isEqualByComparingTo("2.5");
        assertThat(r.getSource()).isEqualTo(new SourceRef("kafka:in.avro/1", 5L));
    }

    @Test
    void avroOfAnotherSchemaIsMalformed() {
        byte[] catalog =
                new AvroBinary<>(CatalogEntry.class)
                        .encode(
                                new CatalogEntry(
                                        "SCJG01", null, null, RecordType.penalty, null, false));
        assertMalformed("in.avro", catalog, "undecodable Avro");
    }

    private void assertMalformed(String topic, byte[] value, String reason) {
        RawRow row = decoder.decode(message(topic, 7, value));
        assertThat(row.parsed()).isFalse();
        RecordNormalizer.Outcome o = normalizer.normalize(row);
        assertThat(o.rejected()).as(reason).isNotNull();
        assertThat(o.rejected().getReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(o.rejected().getMessage()).contains(reason);
        assertThat(o.rejected().getFile()).isEqualTo("kafka:" + topic + "/1");
        assertThat(o.rejected().getRow()).isEqualTo(7);
    }
}
