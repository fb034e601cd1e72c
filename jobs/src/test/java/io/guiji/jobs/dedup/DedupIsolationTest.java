package io.guiji.jobs.dedup;

import static io.guiji.jobs.dedup.DedupFunctionTest.PENALTY_FROM_DEPARTMENT;
import static io.guiji.jobs.dedup.DedupFunctionTest.RECORD_ID;
import static io.guiji.jobs.dedup.DedupFunctionTest.SAME_PENALTY_VIA_CREDIT_PLATFORM;
import static io.guiji.jobs.dedup.DedupFunctionTest.copy;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.OperatorMetrics;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link DedupFunction}'s isolation: a copy whose merge throws is rejected alone
 * (PROCESSING_ERROR, the department's counters corrected), the record's state is as it was before
 * that copy, and the next copy merges as usual.
 */
class DedupIsolationTest {
    static final String POISON_FILE = "records/SCJG01/penalty/poison.csv";

    /** A copy of the same penalty with no fields at all: a value is missing where one is required. */
    static SupervisionRecord withoutFields() {
        SupervisionRecord r = copy(RECORD_ID, POISON_FILE, 3, "2024-03-02T09:00:00", f -> {});
        r.setFields(null);
        return r;
    }

    /** A copy of the same penalty whose fine has more digits than the schema's decimal holds. */
    static SupervisionRecord withHugeFine() {
        return copy(RECORD_ID, POISON_FILE, 4, "2024-03-02T09:00:00",
                f -> ((PenaltyDetails) f.getDetails()).setFineAmount(new BigDecimal("9".repeat(40) + ".000000")));
    }

    private KeyedOneInputStreamOperatorTestHarness<String, SupervisionRecord, UnifiedRecord> harness;
    private final OperatorMetrics metrics = new OperatorMetrics();

    private void open(DedupFunction f) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f),
                SupervisionRecord::getRecordId, Types.STRING, metrics.environment());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(SupervisionRecord... copies) throws Exception {
        for (SupervisionRecord c : copies) {
            harness.processElement(c, 0);
        }
    }

    private List<RejectedRecord> rejected() {
        return harness.getSideOutput(DedupFunction.REJECTED).stream().map(StreamRecord::getValue).toList();
    }

    private List<DeptDelta> deltas() {
        var q = harness.getSideOutput(DedupFunction.DEPT_DELTAS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aCopyWithoutFieldsIsRejectedAndTheNextCopyMergesAsIfItNeverCame() throws Exception {
        open(new DedupFunction(EmitMode.CHANGES));

        send(PENALTY_FROM_DEPARTMENT, withoutFields(), SAME_PENALTY_VIA_CREDIT_PLATFORM);

        List<UnifiedRecord> out = harness.extractOutputValues();
        assertThat(out).extracting(UnifiedRecord::getVersion).containsExactly(1L, 2L);
        assertThat(out.get(1).getSources()).containsExactly(
                new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L));
        assertThat(rejected()).singleElement().satisfies(r -> {
            assertThat(r.getFile()).isEqualTo(POISON_FILE);
            assertThat(r.getRow()).isEqualTo(3);
            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
            assertThat(r.getMessage()).startsWith("stage dedup: java.lang.NullPointerException");
            assertThat(r.getDeptCode()).isEqualTo("SCJG01");
            assertThat(r.getRecordType()).isEqualTo("penalty");
        });
        assertThat(deltas()).singleElement().satisfies(d -> {
            assertThat(d.getAccepted()).as("the parser counted the copy accepted").isEqualTo(-1);
            assertThat(d.getRejected()).isEqualTo(1);
            assertThat(d.getRejectReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
            assertThat(d.getRecordType()).isEqualTo(RecordType.penalty);
            assertThat(d.getProcessingErrors()).isEqualTo(1);
        });
        assertThat(metrics.count(ProcessingErrors.METRIC)).isEqualTo(1);
    }

    @Test
    void aMergeThatThrowsAfterChangingTheStateLeavesTheStateAsItWas() throws Exception {
        // The merge adds the copy's source to the live state object, then fails.
        open(new DedupFunction(EmitMode.FINAL, (state, c) -> {
            var next = CopyMerger.add(state, c);
            if (c.getSource().getFile().equals(POISON_FILE)) {
                throw new IllegalStateException("failed after merging");
            }
            return next;
        }));

        send(PENALTY_FROM_DEPARTMENT, copy(RECORD_ID, POISON_FILE, 5, "2099-01-01T00:00:00", f -> {}),
                SAME_PENALTY_VIA_CREDIT_PLATFORM);
        harness.processWatermark(Long.MAX_VALUE);

        UnifiedRecord unified = harness.extractOutputValues().get(0);
        assertThat(unified.getSources()).containsExactly(
                new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L));
        assertThat(unified.getFields().getUpdatedAt()).as("the failed copy never won").isEqualTo("2024-03-05T10:30:00");
        assertThat(unified.getVersion()).as("its content was never counted").isEqualTo(1);
        assertThat(rejected()).extracting(RejectedRecord::getMessage)
                .containsExactly("stage dedup: java.lang.IllegalStateException: failed after merging");
    }

    @Test
    void streamingACopyWhoseMergedRecordCannotBeEncodedIsRejectedAndTheRecordStaysAsItWas() throws Exception {
        open(new DedupFunction(EmitMode.CHANGES));

        send(PENALTY_FROM_DEPARTMENT, withHugeFine(), SAME_PENALTY_VIA_CREDIT_PLATFORM);

        assertThat(rejected()).singleElement().satisfies(r -> {
            assertThat(r.getRow()).isEqualTo(4);
            assertThat(r.getMessage()).startsWith("stage dedup: org.apache.avro.AvroTypeException: ").contains("precision 46");
        });
        List<UnifiedRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).getSources()).extracting(SourceRef::getRow).containsExactly(7L, 2L);
    }

    @Test
    void atTheEndOfABoundedRunARecordThatCannotBeBuiltRejectsEachOfItsCopiesOnce() throws Exception {
        // In a job such a copy is rejected by the parser before it reaches dedup; here it arrives.
        open(new DedupFunction(EmitMode.FINAL));

        send(PENALTY_FROM_DEPARTMENT, withHugeFine(), DedupFunctionTest.ANOTHER_PENALTY);
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).extracting(UnifiedRecord::getRecordId)
                .as("the other record is published as usual").containsExactly(DedupFunctionTest.OTHER_RECORD_ID);
        assertThat(rejected()).extracting(RejectedRecord::getFile, RejectedRecord::getRow, RejectedRecord::getReason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("records/SCJG01/penalty/2024-03.csv", 7L, RejectReason.PROCESSING_ERROR),
                        org.assertj.core.groups.Tuple.tuple(POISON_FILE, 4L, RejectReason.PROCESSING_ERROR));
        assertThat(deltas()).singleElement().satisfies(d -> {
            assertThat(d.getAccepted()).isEqualTo(-2);
            assertThat(d.getRejected()).isEqualTo(2);
            assertThat(d.getProcessingErrors()).isEqualTo(2);
        });
        assertThat(metrics.count(ProcessingErrors.METRIC)).isEqualTo(2);
    }
}
