package io.guiji.jobs.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.internal.DeptCounters;
import io.guiji.schemas.internal.DeptDelta;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link DeptStatsFunction}: deltas from parsing and from publishing add up to one
 * department's counters, published once at the end (FINAL) or at most once per interval (CHANGES).
 */
class DeptStatsFunctionTest {
    static final long INTERVAL = 1_000L;

    /**
     * What parsing and publishing send for SCJG01: three penalties in, one rejected, two copies of
     * one decision, linked.
     */
    static final List<DeptDelta> SCJG01_DELTAS =
            List.of(
                    accepted("SCJG01", RecordType.penalty),
                    accepted("SCJG01", RecordType.penalty),
                    accepted("SCJG01", RecordType.license),
                    rejected("SCJG01", RejectReason.MISSING_FIELD),
                    rejected("SCJG01", RejectReason.INVALID_DATE),
                    rejected("SCJG01", RejectReason.MISSING_FIELD),
                    published(
                            "SCJG01", 1, 1, 1,
                            0), // first publication: unified, 2 copies, not yet linked
                    published("SCJG01", 0, 0, 0, 1), // re-linked later
                    published("SCJG01", 1, 0, 1, 1));

    private KeyedOneInputStreamOperatorTestHarness<String, DeptDelta, DeptCounters> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void finalModeSumsEveryDeltaAndEmitsOncePerDepartmentAtTheEnd() throws Exception {
        open(EmitMode.FINAL);
        for (DeptDelta d : SCJG01_DELTAS) {
            harness.processElement(DeptDelta.newBuilder(d).build(), 0L);
        }
        harness.processElement(accepted("HBJ01", RecordType.inspection), 0L);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        harness.processWatermark(Long.MAX_VALUE);

        List<DeptCounters> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        DeptCounters scjg =
                out.stream()
                        .filter(c -> c.getDeptCode().equals("SCJG01"))
                        .findFirst()
                        .orElseThrow();
        assertThat(scjg)
                .isEqualTo(
                        new DeptCounters(
                                "SCJG01",
                                6L,
                                3L,
                                3L,
                                1L,
                                2L,
                                2L,
                                2L,
                                Map.of("penalty", 2L, "license", 1L),
                                Map.of("MISSING_FIELD", 2L, "INVALID_DATE", 1L),
                                0L,
                                0L,
                                0L,
                                0L));
        DeptCounters hbj =
                out.stream().filter(c -> c.getDeptCode().equals("HBJ01")).findFirst().orElseThrow();
        assertThat(hbj.getAcceptedByType()).containsExactlyEntriesOf(Map.of("inspection", 1L));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void finalModeCountsRecordsWhosePathNamesNoDepartmentUnderTheEmptyCode() throws Exception {
        open(EmitMode.FINAL);
        harness.processElement(rejected("", RejectReason.UNKNOWN_SOURCE), 0L);
        harness.processElement(rejected("", RejectReason.UNKNOWN_SOURCE), 0L);
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getDeptCode()).isEmpty();
                            assertThat(c.getReceived()).isEqualTo(2);
                            assertThat(c.getRejectedByReason())
                                    .containsExactlyEntriesOf(Map.of("UNKNOWN_SOURCE", 2L));
                        });
    }

    @Test
    void changesModeEmitsAtMostOncePerIntervalWhileCountersChange() throws Exception {
        open(EmitMode.CHANGES);
        harness.setProcessingTime(0L);

        harness.processElement(accepted("SCJG01", RecordType.penalty), 0L);
        harness.processElement(accepted("SCJG01", RecordType.penalty), 0L);
        harness.processElement(rejected("SCJG01", RejectReason.MISSING_FIELD), 0L);
        assertThat(harness.extractOutputValues()).as("nothing before the interval ends").isEmpty();
        assertThat(harness.numProcessingTimeTimers())
                .as("one flush scheduled, however many deltas")
                .isEqualTo(1);

        harness.setProcessingTime(INTERVAL);
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getReceived()).isEqualTo(3);
                            assertThat(c.getAccepted()).isEqualTo(2);
                            assertThat(c.getRejected()).isEqualTo(1);
                        });
        assertThat(harness.numProcessingTimeTimers()).isZero();

        harness.setProcessingTime(5 * INTERVAL);
        assertThat(harness.extractOutputValues()).as("no change, no output").hasSize(1);

        harness.processElement(published("SCJG01", 1, 1, 1, 1), 0L);
        harness.setProcessingTime(6 * INTERVAL - 1);
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.setProcessingTime(6 * INTERVAL);
        assertThat(harness.extractOutputValues()).hasSize(2);
        DeptCounters latest = harness.extractOutputValues().get(1);
        assertThat(latest.getReceived()).as("cumulative").isEqualTo(3);
        assertThat(latest.getUnified()).isEqualTo(1);
        assertThat(latest.getDuplicates()).isEqualTo(1);
        assertThat(latest.getLinked()).isEqualTo(1);
        assertThat(latest.getAcceptedByType()).containsExactlyEntriesOf(Map.of("penalty", 2L));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    // ---------------------------------------------------------------- fixtures

    static DeptDelta accepted(String dept, RecordType type) {
        return DeptDelta.newBuilder()
                .setDeptCode(dept)
                .setRecordType(type)
                .setReceived(1)
                .setAccepted(1)
                .build();
    }

    static DeptDelta rejected(String dept, RejectReason reason) {
        return DeptDelta.newBuilder()
                .setDeptCode(dept)
                .setReceived(1)
                .setRejected(1)
                .setRejectReason(reason)
                .build();
    }

    static DeptDelta published(
            String dept, long unified, long duplicates, long nonPerson, long linked) {
        return DeptDelta.newBuilder()
                .setDeptCode(dept)
                .setUnified(unified)
                .setDuplicates(duplicates)
                .setNonPerson(nonPerson)
                .setLinked(linked)
                .build();
    }

    private void open(EmitMode mode) throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DeptStatsFunction(mode, INTERVAL)),
                        DeptDelta::getDeptCode,
                        Types.STRING);
        harness.open();
    }
}
