package io.guiji.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.OperatorMetrics;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link RecordParser}'s isolation: a row that makes a stage throw is rejected
 * {@code PROCESSING_ERROR} with the stage, the exception, its source reference and raw text, is
 * counted, and the next row is parsed as usual; every row leaves once, accepted or rejected.
 */
class RecordParserTest {
    static final String FILE = "records/SCJG01/penalty/department.csv";
    static final String[] HEADER = {"subject_name", "doc_no", "decision_date", "fine_amount"};

    private OneInputStreamOperatorTestHarness<RawRow, SupervisionRecord> harness;
    private final OperatorMetrics metrics = new OperatorMetrics();

    static RawRow penalty(long row) {
        String[] values = {"朝阳市某某商贸有限公司", "朝市监罚〔2023〕" + row + "号", "2023-05-06", "1.5"};
        return new RawRow(FILE, row, HEADER, values, String.join(",", values), null, "UTF-8");
    }

    private void open(RecordParser.Normalize normalize) throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new RecordParser(LocalDate.of(2026, 11, 25), "Asia/Shanghai", normalize)),
                metrics.environment());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private List<RejectedRecord> rejected() {
        return harness.getSideOutput(RecordParser.REJECTED).stream().map(StreamRecord::getValue).toList();
    }

    private List<DeptDelta> deltas() {
        return harness.getSideOutput(RecordParser.DEPT_DELTAS).stream().map(StreamRecord::getValue).toList();
    }

    private List<Long> acceptedRows() {
        return harness.extractOutputValues().stream().map(r -> r.getSource().getRow()).toList();
    }

    @Test
    void aRowThatMakesNormalizingThrowIsRejectedAsProcessingErrorAndTheNextRowIsParsed() throws Exception {
        open((n, row) -> {
            if (row.row == 2) {
                throw new IllegalStateException("boom at " + row.row);
            }
            return n.normalize(row);
        });

        harness.processElement(penalty(1), 0);
        harness.processElement(penalty(2), 0);
        harness.processElement(penalty(3), 0);

        assertThat(acceptedRows()).containsExactly(1L, 3L);
        assertThat(rejected()).singleElement().satisfies(r -> {
            assertThat(r.getFile()).isEqualTo(FILE);
            assertThat(r.getRow()).isEqualTo(2);
            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
            assertThat(r.getMessage()).isEqualTo("stage parse: java.lang.IllegalStateException: boom at 2");
            assertThat(r.getRaw()).isEqualTo(penalty(2).raw);
            assertThat(r.getDeptCode()).isEqualTo("SCJG01");
            assertThat(r.getRecordType()).isEqualTo("penalty");
        });
        assertThat(deltas()).extracting(DeptDelta::getReceived, DeptDelta::getAccepted, DeptDelta::getRejected,
                        DeptDelta::getRejectReason, DeptDelta::getProcessingErrors)
                .containsExactly(tuple(1L, 1L, 0L, null, 0L), tuple(1L, 0L, 1L, RejectReason.PROCESSING_ERROR, 1L),
                        tuple(1L, 1L, 0L, null, 0L));
        assertThat(metrics.count(ProcessingErrors.METRIC)).isEqualTo(1);
        assertThat(metrics.count("recordsAccepted")).isEqualTo(2);
        assertThat(metrics.count("recordsRejected")).isEqualTo(1);
    }

    @Test
    void anAcceptedRecordAvroCouldNotEncodeIsRejectedHereNotInTheShuffle() throws Exception {
        // The normalizer's own amount check may well refuse such a value; the guard must not rely on it.
        open((n, row) -> {
            RecordNormalizer.Outcome o = n.normalize(row);
            if (row.row == 2) {
                ((PenaltyDetails) o.accepted().getFields().getDetails()).setFineAmount(new BigDecimal("1".repeat(40) + ".000000"));
            }
            return o;
        });

        harness.processElement(penalty(2), 0);
        harness.processElement(penalty(3), 0);

        assertThat(acceptedRows()).containsExactly(3L);
        assertThat(rejected()).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
            assertThat(r.getMessage()).startsWith("stage serialize: org.apache.avro.AvroTypeException: ")
                    .contains("fine_amount").contains("precision 46");
        });
    }

    @Test
    void aRowAnEarlierStageFailedOnIsAProcessingErrorWithThatStagesMessage() throws Exception {
        open(RecordNormalizer::normalize);

        harness.processElement(penalty(2).failedAt("decode", "stage decode: java.lang.IllegalArgumentException: bad"), 0);
        harness.processElement(penalty(3), 0);

        assertThat(acceptedRows()).containsExactly(3L);
        assertThat(rejected()).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
            assertThat(r.getMessage()).isEqualTo("stage decode: java.lang.IllegalArgumentException: bad");
            assertThat(r.getFile()).isEqualTo(FILE);
        });
    }

    @Test
    void aRejectedRecordsTextIsMadeSafeForEverySink() throws Exception {
        open((n, row) -> {
            throw new IllegalStateException("bad \u0000 char \uD800");
        });
        RawRow row = penalty(2);
        row.raw = "a\u0000b\uDC00c";

        harness.processElement(row, 0);

        assertThat(rejected()).singleElement().satisfies(r -> {
            assertThat(r.getRaw()).as("escaped for a person to read").isEqualTo("a\\u0000b\\uDC00c");
            assertThat(r.getMessage()).isEqualTo("stage parse: java.lang.IllegalStateException: bad \\u0000 char \\uD800");
        });
    }
}
