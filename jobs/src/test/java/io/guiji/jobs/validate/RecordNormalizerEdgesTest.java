package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.ingest.RecordIds;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SupervisionRecord;
import java.time.LocalDate;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordNormalizer} at its edges: rows from sources that name their department and type
 * themselves (Kafka, JDBC), rows shorter than their header, code columns that disagree, optional
 * fields that do not parse.
 */
class RecordNormalizerEdgesTest {
    private static final String PENALTY_FILE = "records/SCJG01/penalty/2023.csv";
    private static final String USCC = "91110000600037341L";
    private static final String OTHER_USCC = "91310115MA1K3BTP2B";
    private static final String CITIZEN_ID = "211302198001011234";
    private static final String OTHER_CITIZEN_ID = "211322197506154565";

    private final RecordNormalizer normalizer = new RecordNormalizer(LocalDate.of(2026, 11, 25));

    private static final String[] HEADER = {"subject_name", "doc_no", "decision_date"};
    private static final String[] VALUES = {"朝阳市某某商贸有限公司", "朝市监罚〔2023〕12号", "2023-05-06"};

    private static RawRow message(String deptCode, String recordType, String error) {
        return new RawRow(
                        "guiji.records/0/17",
                        17,
                        HEADER,
                        VALUES,
                        "{\"subject_name\":\"朝阳市某某商贸有限公司\"}",
                        error,
                        "UTF-8")
                .withSource(deptCode, recordType);
    }

    private static RawRow penalty(String[] header, String[] values) {
        return new RawRow(PENALTY_FILE, 3, header, values, String.join(",", values), null, "UTF-8");
    }

    @Test
    void aMessageThatNamesItsSourceIsReadWithoutAPath() {
        RecordNormalizer.Outcome o = normalizer.normalize(message(" scjg01 ", "penalty", null));

        SupervisionRecord r = o.accepted();
        assertThat(r.getDeptCode()).isEqualTo("SCJG01");
        assertThat(r.getRecordType()).isEqualTo(RecordType.penalty);
        assertThat(r.getRecordId())
                .isEqualTo(RecordIds.of(RecordType.penalty, "SCJG01", "朝市监罚〔2023〕12号"));
    }

    @Test
    void anUnreadableMessageIsMalformedEvenWhenItNamesNoRecordType() {
        RejectedRecord r =
                normalizer
                        .normalize(message("SCJG01", null, "not JSON: unexpected end of input"))
                        .rejected();

        assertThat(r.getReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(r.getMessage()).isEqualTo("not JSON: unexpected end of input");
        assertThat(r.getDeptCode()).isEqualTo("SCJG01");
    }

    @Test
    void aMessageWithoutADepartmentIsAnUnknownSource() {
        RejectedRecord r = normalizer.normalize(message(null, "penalty", null)).rejected();

        assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_SOURCE);
        assertThat(r.getMessage()).isEqualTo("the source names no department (dept_code)");
        assertThat(r.getRecordType()).isEqualTo("penalty");
    }

    @Test
    void aMessageWithoutARecordTypeIsAnUnknownSource() {
        RejectedRecord r = normalizer.normalize(message("SCJG01", null, null)).rejected();

        assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_SOURCE);
        assertThat(r.getMessage()).startsWith("the source names no record type");
        assertThat(r.getRecordType()).isNull();
    }

    @Test
    void aMessageWithAnUnknownRecordTypeIsAnUnknownSourceThatQuotesIt() {
        RejectedRecord r = normalizer.normalize(message("SCJG01", "fine", null)).rejected();

        assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_SOURCE);
        assertThat(r.getMessage()).startsWith("'fine' is not a record type (");
        assertThat(r.getRecordType()).isEqualTo("fine");
    }

    @Test
    void aRowShorterThanItsHeaderLeavesTheMissingColumnsEmpty() {
        String[] header = {
            "subject_name",
            "doc_no",
            "decision_date",
            "uscc",
            "penalty_category",
            "fine_amount",
            "publicity_until"
        };
        RawRow row = penalty(header, VALUES);

        SupervisionRecord r = normalizer.normalize(row).accepted();

        assertThat(r.getFields().getUscc()).isNull();
        assertThat(detail(r, "penalty_category")).isNull();
        assertThat(detail(r, "fine_amount")).isNull();
        assertThat(detail(r, "publicity_until")).isNull();
        assertThat(r.getQualityFlags()).isEmpty();
    }

    @Test
    void aRowWhoseRequiredColumnsAreCutOffIsMissingThem() {
        RejectedRecord r =
                normalizer.normalize(penalty(HEADER, new String[] {"朝阳市某某商贸有限公司"})).rejected();

        assertThat(r.getReason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(r.getMessage()).contains("doc_no", "decision_date");
    }

    @Test
    void anOptionalDateThatDoesNotParseIsFlaggedAndLeftEmpty() {
        String[] header = {"subject_name", "doc_no", "decision_date", "publicity_until"};
        SupervisionRecord r =
                normalizer
                        .normalize(
                                penalty(
                                        header,
                                        new String[] {
                                            "朝阳市某某商贸有限公司", "朝市监罚〔2023〕12号", "2023-05-06", "长期"
                                        }))
                        .accepted();

        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.invalid("publicity_until"));
        assertThat(detail(r, "publicity_until")).isNull();
    }

    @Test
    void twoDifferentUsccsInTwoColumnsAreAConflictAndTheOwnColumnWins() {
        String[] header = {"subject_name", "doc_no", "decision_date", "uscc", "reg_no"};
        SupervisionRecord r =
                normalizer
                        .normalize(
                                penalty(
                                        header,
                                        new String[] {
                                            "朝阳市某某商贸有限公司",
                                            "朝市监罚〔2023〕12号",
                                            "2023-05-06",
                                            USCC,
                                            OTHER_USCC
                                        }))
                        .accepted();

        assertThat(r.getFields().getUscc()).isEqualTo(USCC);
        assertThat(r.getFields().getRegNo()).isNull();
        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.CONFLICTING_USCC);
    }

    @Test
    void theSameUsccTypedTwiceIsNoConflict() {
        String[] header = {"subject_name", "doc_no", "decision_date", "uscc", "reg_no"};
        SupervisionRecord r =
                normalizer
                        .normalize(
                                penalty(
                                        header,
                                        new String[] {
                                            "朝阳市某某商贸有限公司", "朝市监罚〔2023〕12号", "2023-05-06", USCC, USCC
                                        }))
                        .accepted();

        assertThat(r.getFields().getUscc()).isEqualTo(USCC);
        assertThat(r.getFields().getRegNo()).isNull();
        assertThat(r.getQualityFlags()).isEmpty();
    }

    @Test
    void theIdColumnsOwnNumberWinsOverACitizenIdTypedInACodeColumn() {
        String[] header = {"subject_name", "doc_no", "decision_date", "uscc", "id_no"};
        SupervisionRecord r =
                normalizer
                        .normalize(
                                penalty(
                                        header,
                                        new String[] {
                                            "张三",
                                            "朝市监罚〔2023〕12号",
                                            "2023-05-06",
                                            OTHER_CITIZEN_ID,
                                            CITIZEN_ID
                                        }))
                        .accepted();

        assertThat(r.getFields().getIdNo()).isEqualTo("211302********1234");
        assertThat(r.getFields().getUscc()).isNull();
        assertThat(r.toString()).doesNotContain(OTHER_CITIZEN_ID).doesNotContain(CITIZEN_ID);
        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.CODE_IN_WRONG_COLUMN);
    }

    @Test
    void aRejectedRowsRawTextHasItsCitizenIdsMasked() {
        String[] values = {"张三", "", "2023-05-06 " + CITIZEN_ID};
        RejectedRecord r = normalizer.normalize(penalty(HEADER, values)).rejected();

        assertThat(r.getRaw()).isEqualTo("张三,,2023-05-06 211302********1234");
    }

    @Test
    void aCategoryOrAmountColumnRightAfterTheLastValueIsEmpty() {
        String[] categoryHeader = {
            "subject_name", "doc_no", "decision_date", "CF_CFLB1", "CF_CFLB2"
        };
        String[] amountHeader = {"subject_name", "doc_no", "decision_date", "fine_amount"};

        SupervisionRecord noCategory =
                normalizer.normalize(penalty(categoryHeader, VALUES)).accepted();
        SupervisionRecord noAmount = normalizer.normalize(penalty(amountHeader, VALUES)).accepted();

        assertThat(detail(noCategory, "penalty_category")).isNull();
        assertThat(detail(noAmount, "fine_amount")).isNull();
    }

    @Test
    void aCategorySplitOverTwoColumnsIsJoinedOnceWhenBothSayTheSame() {
        String[] header = {"subject_name", "doc_no", "decision_date", "CF_CFLB1", "CF_CFLB2"};
        String[] same = {"朝阳市某某商贸有限公司", "朝市监罚〔2023〕12号", "2023-05-06", "罚款", "罚款"};
        String[] two = {"朝阳市某某商贸有限公司", "朝市监罚〔2023〕12号", "2023-05-06", "警告", "罚款"};

        assertThat(
                        detail(
                                normalizer.normalize(penalty(header, same)).accepted(),
                                "penalty_category"))
                .hasToString("罚款");
        assertThat(
                        detail(
                                normalizer.normalize(penalty(header, two)).accepted(),
                                "penalty_category"))
                .hasToString("警告；罚款");
    }

    @Test
    void aValidCitizenIdMovedFromACodeColumnIsNotFlaggedInvalid() {
        String[] header = {"subject_name", "doc_no", "decision_date", "uscc", "id_no"};
        SupervisionRecord r =
                normalizer
                        .normalize(
                                penalty(
                                        header,
                                        new String[] {
                                            "张三", "朝市监罚〔2023〕12号", "2023-05-06", CITIZEN_ID, ""
                                        }))
                        .accepted();

        assertThat(r.getFields().getIdNo()).isEqualTo("211302********1234");
        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.CODE_IN_WRONG_COLUMN);
    }

    private static Object detail(SupervisionRecord r, String field) {
        GenericRecord g = (GenericRecord) r.getFields().getDetails();
        assertThat(g.getSchema().getField(field)).as("details field %s", field).isNotNull();
        return g.get(field);
    }
}
