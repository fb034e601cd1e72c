package io.guiji.jobs.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.internal.DeptCounters;
import io.guiji.schemas.internal.DeptDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link DeptDeltaCombineOperator}: sums that count exactly what their parts
 * count, sent at the right moments.
 */
class DeptDeltaCombineOperatorTest {

    @Test
    void sumsNothingUntilTheEndOfInputThenOneDeltaPerDepartmentTypeAndReason() throws Exception {
        try (OneInputStreamOperatorTestHarness<DeptDelta, DeptDelta> h = harness(60_000)) {
            h.processElement(new StreamRecord<>(accepted("SCJG01", RecordType.penalty)));
            h.processElement(new StreamRecord<>(accepted("SCJG01", RecordType.penalty)));
            h.processElement(new StreamRecord<>(rejected("SCJG01", RejectReason.MALFORMED)));
            h.processElement(new StreamRecord<>(accepted("SWJ01", RecordType.license)));
            assertThat(h.extractOutputValues()).isEmpty();

            h.endInput();

            List<DeptDelta> out = h.extractOutputValues();
            assertThat(out).hasSize(3);
            assertThat(out.get(0).getDeptCode()).isEqualTo("SCJG01");
            assertThat(out.get(0).getAccepted()).isEqualTo(2);
            assertThat(out.get(0).getReceived()).isEqualTo(2);
            assertThat(out.get(1).getRejected()).isEqualTo(1);
            assertThat(out.get(1).getRejectReason()).isEqualTo(RejectReason.MALFORMED);
            assertThat(out.get(2).getDeptCode()).isEqualTo("SWJ01");
        }
    }

    @Test
    void sendsItsSumsBeforeACheckpointBarrierSoNoCountIsLeftOutOfTheCheckpoint() throws Exception {
        try (OneInputStreamOperatorTestHarness<DeptDelta, DeptDelta> h = harness(60_000)) {
            h.processElement(new StreamRecord<>(accepted("SCJG01", RecordType.penalty)));
            h.prepareSnapshotPreBarrier(1L);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(d -> assertThat(d.getAccepted()).isEqualTo(1));
            h.prepareSnapshotPreBarrier(2L);
            assertThat(h.extractOutputValues()).as("nothing new: nothing sent again").hasSize(1);
        }
    }

    @Test
    void sendsItsSumsAheadOfAWatermarkSoTheEndOfInputFindsThemCounted() throws Exception {
        try (OneInputStreamOperatorTestHarness<DeptDelta, DeptDelta> h = harness(60_000)) {
            h.processElement(new StreamRecord<>(accepted("SCJG01", RecordType.penalty)));
            h.processWatermark(
                    new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
            assertThat(h.getOutput()).hasSize(2);
            assertThat(h.getOutput().peek())
                    .as("the sum first, then the watermark")
                    .isInstanceOf(StreamRecord.class);
        }
    }

    @Test
    void sendsItsSumsWhenTheIntervalPassesWhileInputFlows() throws Exception {
        try (OneInputStreamOperatorTestHarness<DeptDelta, DeptDelta> h = harness(1_000)) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(accepted("SCJG01", RecordType.penalty)));
            h.setProcessingTime(999);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(1_000);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    /**
     * Whatever the deltas, department counters built from the sums equal those built from the
     * parts.
     */
    @Property(tries = 200)
    void countersFromTheSumsEqualCountersFromTheParts(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n) throws Exception {
        Random r = new Random(seed);
        List<DeptDelta> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DeptDelta d = new DeptDelta();
            d.setDeptCode(List.of("", "SCJG01", "SWJ01").get(r.nextInt(3)));
            d.setRecordType(
                    r.nextBoolean()
                            ? null
                            : RecordType.values()[r.nextInt(RecordType.values().length)]);
            d.setRejectReason(
                    r.nextBoolean()
                            ? null
                            : RejectReason.values()[r.nextInt(RejectReason.values().length)]);
            d.setReceived(r.nextInt(3) - 1);
            d.setAccepted(r.nextInt(3) - 1);
            d.setRejected(r.nextInt(3) - 1);
            d.setDuplicates(r.nextInt(3) - 1);
            d.setUnified(r.nextInt(2));
            d.setNonPerson(r.nextInt(3) - 1);
            d.setLinked(r.nextInt(3) - 1);
            d.setProcessingErrors(r.nextInt(2));
            parts.add(d);
        }
        List<DeptDelta> sums;
        try (OneInputStreamOperatorTestHarness<DeptDelta, DeptDelta> h = harness(60_000)) {
            for (DeptDelta d : parts) {
                h.processElement(new StreamRecord<>(DeptDelta.newBuilder(d).build()));
            }
            h.endInput();
            sums = h.extractOutputValues();
        }
        assertThat(counters(sums)).isEqualTo(counters(parts));
    }

    private static HashMap<String, DeptCounters> counters(List<DeptDelta> deltas) {
        HashMap<String, DeptCounters> out = new HashMap<>();
        for (DeptDelta d : deltas) {
            DeptCounters c =
                    out.computeIfAbsent(
                            d.getDeptCode(),
                            k ->
                                    new DeptCounters(
                                            k,
                                            0L,
                                            0L,
                                            0L,
                                            0L,
                                            0L,
                                            0L,
                                            0L,
                                            new HashMap<>(),
                                            new HashMap<>(),
                                            0L,
                                            0L,
                                            0L,
                                            0L));
            DeptStatsFunction.apply(c, d);
        }
        return out;
    }

    private static OneInputStreamOperatorTestHarness<DeptDelta, DeptDelta> harness(long interval)
            throws Exception {
        OneInputStreamOperatorTestHarness<DeptDelta, DeptDelta> h =
                new OneInputStreamOperatorTestHarness<>(new DeptDeltaCombineOperator(interval));
        h.open();
        return h;
    }

    private static DeptDelta accepted(String dept, RecordType type) {
        DeptDelta d = new DeptDelta();
        d.setDeptCode(dept);
        d.setRecordType(type);
        d.setReceived(1);
        d.setAccepted(1);
        return d;
    }

    private static DeptDelta rejected(String dept, RejectReason reason) {
        DeptDelta d = new DeptDelta();
        d.setDeptCode(dept);
        d.setReceived(1);
        d.setRejected(1);
        d.setRejectReason(reason);
        return d;
    }
}
