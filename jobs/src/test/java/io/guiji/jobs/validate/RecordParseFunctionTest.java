package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.OperatorMetrics;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Harness tests of {@link RecordParseFunction}: an accepted row goes to the main output, a rejected
 * one to {@link RecordParseFunction#REJECTED} with its reason, and every row sends one {@link
 * DeptDelta} saying which (the reasons themselves are {@link RecordNormalizerTest}'s). Isolation: a
 * row that makes a stage throw is rejected {@code PROCESSING_ERROR} with the stage, the exception,
 * its source reference and raw text, is counted, and the next row is parsed as usual; every row
 * leaves once, accepted or rejected. {@link RecordParseFunctionPropertiesTest} checks the same over
 * generated rows.
 */
class RecordParseFunctionTest {
    static final String FILE = "records/SCJG01/penalty/department.csv";
    static final String[] HEADER = {"subject_name", "doc_no", "decision_date", "fine_amount"};

    private OneInputStreamOperatorTestHarness<RawRow, SupervisionRecord> harness;
    private final OperatorMetrics metrics = new OperatorMetrics();

    static RawRow penalty(long row) {
        String[] values = {"朝阳市某某商贸有限公司", "朝市监罚〔2023〕" + row + "号", "2023-05-06", "1.5"};
        return new RawRow(FILE, row, HEADER, values, String.join(",", values), null, "UTF-8");
    }

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    // ---------------------------------------------------------------- named rows

    /** A penalty in a department's file: accepted. */
    static final RawRow PENALTY_FROM_MARKET_SUPERVISION = penalty(1);

    /**
     * The same kind of penalty from a Kafka topic, whose source names department and type itself:
     * accepted.
     */
    static final RawRow PENALTY_FROM_KAFKA =
            new RawRow(
                            "kafka:records.scjg/0",
                            17,
                            HEADER,
                            new String[] {"朝阳市某某商贸有限公司", "朝市监罚〔2023〕17号", "2023-05-06", "1.5"},
                            "{}",
                            null,
                            "UTF-8")
                    .withSource("scjg01", "行政处罚");

    /** A CSV record the reader could not parse: MALFORMED. */
    static final RawRow UNTERMINATED_QUOTE =
            new RawRow(
                    FILE, 7, null, null, "\"朝阳市某某商贸", "line 7: unterminated quoted field", "UTF-8");

    /** A penalty without its document number: MISSING_FIELD. */
    static final RawRow PENALTY_WITHOUT_DOC_NO = row(FILE, 8, "朝阳市某某商贸有限公司", "", "2023-05-06");

    /** A penalty decided after the day of processing: INVALID_DATE. */
    static final RawRow PENALTY_DECIDED_TOMORROW =
            row(FILE, 9, "朝阳市某某商贸有限公司", "朝市监罚〔2023〕9号", TODAY.plusDays(1).toString());

    /**
     * A file in a folder that is not a record type: UNKNOWN_SOURCE, still counted for its
     * department.
     */
    static final RawRow WAGES_FILE =
            row("records/SCJG01/wages/w.csv", 1, "朝阳市某某商贸有限公司", "朝市监罚〔2023〕1号", "2023-05-06");

    /** A file outside records/<dept>/<type>/: UNKNOWN_SOURCE, counted under no department. */
    static final RawRow LOOSE_FILE =
            row("penalties.csv", 1, "朝阳市某某商贸有限公司", "朝市监罚〔2023〕1号", "2023-05-06");

    static RawRow row(String file, long row, String subject, String docNo, String decisionDate) {
        String[] values = {subject, docNo, decisionDate, "1.5"};
        return new RawRow(file, row, HEADER, values, String.join(",", values), null, "UTF-8");
    }

    private void open(RecordParseFunction.Normalize normalize) throws Exception {
        open(new RecordParseFunction(TODAY, "Asia/Shanghai", normalize));
    }

    private void open(RecordParseFunction parser) throws Exception {
        open(parser, metrics);
    }

    private void open(RecordParseFunction parser, OperatorMetrics metricsOfThisHarness)
            throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(parser), metricsOfThisHarness.environment());
        harness.open();
    }

    static Stream<Arguments> acceptedFixtures() {
        return Stream.of(
                Arguments.of("file", PENALTY_FROM_MARKET_SUPERVISION),
                Arguments.of("kafka", PENALTY_FROM_KAFKA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedFixtures")
    void anAcceptedRowGoesToTheMainOutputAndItsDeltaNamesItsDepartmentAndType(
            String source, RawRow row) throws Exception {
        open(new RecordParseFunction(TODAY, "Asia/Shanghai"));

        harness.processElement(copy(row), 0);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getDeptCode()).isEqualTo("SCJG01");
                            assertThat(r.getRecordType()).isEqualTo(RecordType.penalty);
                            assertThat(r.getSource().getRow()).isEqualTo(row.row);
                        });
        assertThat(harness.getSideOutput(RecordParseFunction.REJECTED)).as("no rejection").isNull();
        assertThat(deltas())
                .singleElement()
                .isEqualTo(
                        DeptDelta.newBuilder()
                                .setDeptCode("SCJG01")
                                .setRecordType(RecordType.penalty)
                                .setReceived(1L)
                                .setAccepted(1L)
                                .setDecisionDay(
                                        (int) java.time.LocalDate.parse("2023-05-06").toEpochDay())
                                .build());
        assertThat(metrics.count("recordsAccepted")).isEqualTo(1);
        assertThat(metrics.count("recordsRejected")).isZero();
        assertThat(metrics.count(ProcessingErrors.METRIC)).isZero();
    }

    static Stream<Arguments> rejectedFixtures() {
        return Stream.of(
                Arguments.of(
                        "UNTERMINATED_QUOTE", UNTERMINATED_QUOTE, RejectReason.MALFORMED, "SCJG01"),
                Arguments.of(
                        "PENALTY_WITHOUT_DOC_NO",
                        PENALTY_WITHOUT_DOC_NO,
                        RejectReason.MISSING_FIELD,
                        "SCJG01"),
                Arguments.of(
                        "PENALTY_DECIDED_TOMORROW",
                        PENALTY_DECIDED_TOMORROW,
                        RejectReason.INVALID_DATE,
                        "SCJG01"),
                Arguments.of("WAGES_FILE", WAGES_FILE, RejectReason.UNKNOWN_SOURCE, "SCJG01"),
                Arguments.of("LOOSE_FILE", LOOSE_FILE, RejectReason.UNKNOWN_SOURCE, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedFixtures")
    void aRejectedRowGoesToTheDeadLetterWithItsReasonAndItsDeltaSaysSo(
            String name, RawRow row, RejectReason reason, String deltaDept) throws Exception {
        open(new RecordParseFunction(TODAY, "Asia/Shanghai"));

        harness.processElement(copy(row), 0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getReason()).isEqualTo(reason);
                            assertThat(r.getFile()).isEqualTo(row.file);
                            assertThat(r.getRow()).isEqualTo(row.row);
                            assertThat(r.getMessage()).isNotBlank();
                        });
        assertThat(deltas())
                .singleElement()
                .isEqualTo(
                        DeptDelta.newBuilder()
                                .setDeptCode(deltaDept)
                                .setReceived(1L)
                                .setRejected(1L)
                                .setRejectReason(reason)
                                .setProcessingErrors(0L)
                                .build());
        assertThat(metrics.count("recordsAccepted")).isZero();
        assertThat(metrics.count("recordsRejected")).isEqualTo(1);
        assertThat(metrics.count(ProcessingErrors.METRIC))
                .as("bad input is not a processing error")
                .isZero();
    }

    @Test
    void rowsLeaveInTheirOrderEachOnceAndTheParserKeepsNoState() throws Exception {
        open(new RecordParseFunction(TODAY, "Asia/Shanghai"));
        List<RawRow> rows =
                List.of(
                        PENALTY_FROM_MARKET_SUPERVISION,
                        PENALTY_WITHOUT_DOC_NO,
                        PENALTY_FROM_KAFKA,
                        PENALTY_FROM_MARKET_SUPERVISION,
                        UNTERMINATED_QUOTE);
        for (RawRow r : rows) {
            harness.processElement(copy(r), 0);
        }

        assertThat(acceptedRows())
                .as("the same row twice is two records: dedup is not the parser's job")
                .containsExactly(1L, 17L, 1L);
        assertThat(rejected()).extracting(RejectedRecord::getRow).containsExactly(8L, 7L);
        assertThat(deltas()).extracting(DeptDelta::getAccepted).containsExactly(1L, 0L, 1L, 1L, 0L);
        assertThat(metrics.count("recordsAccepted") + metrics.count("recordsRejected"))
                .isEqualTo(rows.size());
        OperatorSubtaskState state = harness.snapshot(1L, 0L);
        assertThat(state.getManagedKeyedState()).as("no keyed state").isEmpty();
        assertThat(state.getManagedOperatorState()).as("no operator state").isEmpty();
    }

    @Test
    void withoutAFixedDateTheDayOfProcessingIsTodayInTheConfiguredZone() throws Exception {
        // Kiritimati (UTC+14) is always at least a day ahead of Pago Pago (UTC-11).
        String today = LocalDate.now(ZoneId.of("Pacific/Kiritimati")).toString();
        RawRow decidedToday = row(FILE, 1, "朝阳市某某商贸有限公司", "朝市监罚〔2023〕1号", today);

        open(new RecordParseFunction(null, "Pacific/Kiritimati"));
        harness.processElement(copy(decidedToday), 0);
        assertThat(acceptedRows()).as("today in Kiritimati").containsExactly(1L);
        harness.close();

        open(new RecordParseFunction(null, "Pacific/Pago_Pago"), new OperatorMetrics());
        harness.processElement(copy(decidedToday), 0);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.getReason()).isEqualTo(RejectReason.INVALID_DATE));
    }

    private static RawRow copy(RawRow r) {
        RawRow c =
                new RawRow(
                        r.file,
                        r.row,
                        r.header == null ? null : r.header.clone(),
                        r.values == null ? null : r.values.clone(),
                        r.raw,
                        r.error,
                        r.encoding);
        c.deptCode = r.deptCode;
        c.recordType = r.recordType;
        c.failedStage = r.failedStage;
        return c;
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private List<RejectedRecord> rejected() {
        return harness.getSideOutput(RecordParseFunction.REJECTED).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    private List<DeptDelta> deltas() {
        return harness.getSideOutput(RecordParseFunction.DEPT_DELTAS).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    private List<Long> acceptedRows() {
        return harness.extractOutputValues().stream().map(r -> r.getSource().getRow()).toList();
    }

    @Test
    void aRowThatMakesNormalizingThrowIsRejectedAsProcessingErrorAndTheNextRowIsParsed()
            throws Exception {
        open(
                (n, row) -> {
                    if (row.row == 2) {
                        throw new IllegalStateException("boom at " + row.row);
                    }
                    return n.normalize(row);
                });

        harness.processElement(penalty(1), 0);
        harness.processElement(penalty(2), 0);
        harness.processElement(penalty(3), 0);

        assertThat(acceptedRows()).containsExactly(1L, 3L);
        assertThat(rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getFile()).isEqualTo(FILE);
                            assertThat(r.getRow()).isEqualTo(2);
                            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                            assertThat(r.getMessage())
                                    .isEqualTo(
                                            "stage parse: java.lang.IllegalStateException: boom at 2");
                            assertThat(r.getRaw()).isEqualTo(penalty(2).raw);
                            assertThat(r.getDeptCode()).isEqualTo("SCJG01");
                            assertThat(r.getRecordType()).isEqualTo("penalty");
                        });
        assertThat(deltas())
                .extracting(
                        DeptDelta::getReceived,
                        DeptDelta::getAccepted,
                        DeptDelta::getRejected,
                        DeptDelta::getRejectReason,
                        DeptDelta::getProcessingErrors)
                .containsExactly(
                        tuple(1L, 1L, 0L, null, 0L),
                        tuple(1L, 0L, 1L, RejectReason.PROCESSING_ERROR, 1L),
                        tuple(1L, 1L, 0L, null, 0L));
        assertThat(metrics.count(ProcessingErrors.METRIC)).isEqualTo(1);
        assertThat(metrics.count("recordsAccepted")).isEqualTo(2);
        assertThat(metrics.count("recordsRejected")).isEqualTo(1);
    }

    @Test
    void anAcceptedRecordAvroCouldNotEncodeIsRejectedHereNotInTheShuffle() throws Exception {
        // The normalizer's own amount check may well refuse such a value; the guard must not rely
        // on it.
        open(
                (n, row) -> {
                    RecordNormalizer.Outcome o = n.normalize(row);
                    if (row.row == 2) {
                        ((PenaltyDetails) o.accepted().getFields().getDetails())
                                .setFineAmount(new BigDecimal("1".repeat(40) + ".000000"));
                    }
                    return o;
                });

        harness.processElement(penalty(2), 0);
        harness.processElement(penalty(3), 0);

        assertThat(acceptedRows()).containsExactly(3L);
        assertThat(rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                            assertThat(r.getMessage())
                                    .startsWith(
                                            "stage serialize: org.apache.avro.AvroTypeException: ")
                                    .contains("fine_amount")
                                    .contains("precision 46");
                        });
    }

    @Test
    void aRowAnEarlierStageFailedOnIsAProcessingErrorWithThatStagesMessage() throws Exception {
        open(RecordNormalizer::normalize);

        harness.processElement(
                penalty(2)
                        .failedAt(
                                "decode", "stage decode: java.lang.IllegalArgumentException: bad"),
                0);
        harness.processElement(penalty(3), 0);

        assertThat(acceptedRows()).containsExactly(3L);
        assertThat(rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                            assertThat(r.getMessage())
                                    .isEqualTo(
                                            "stage decode: java.lang.IllegalArgumentException: bad");
                            assertThat(r.getFile()).isEqualTo(FILE);
                        });
    }

    @Test
    void aRejectedRecordsTextIsMadeSafeForEverySink() throws Exception {
        open(
                (n, row) -> {
                    throw new IllegalStateException("bad \u0000 char \uD800");
                });
        RawRow row = penalty(2);
        row.raw = "a\u0000b\uDC00c";

        harness.processElement(row, 0);

        assertThat(rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getRaw())
                                    .as("escaped for a person to read")
                                    .isEqualTo("a\\u0000b\\uDC00c");
                            assertThat(r.getMessage())
                                    .isEqualTo(
                                            "stage parse: java.lang.IllegalStateException: bad \\u0000 char \\uD800");
                        });
    }
}
