package io.guiji.jobs.coverage;

import io.guiji.schemas.internal.DeptDelta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums department deltas within a subtask before they cross to {@link DeptStatsFunction}, so that a
 * record's counts cost a map update here instead of a message and a keyed state update there (every
 * record sends one or two deltas, nearly all to a handful of departments). Deltas with the same
 * department, record type and reject reason add up to one ({@link DeptStatsFunction} applies the
 * sum exactly as it applies its parts).
 *
 * <p>Not checkpointed: the sums are sent before every checkpoint barrier (so a checkpoint never
 * holds a count that is neither in this operator's output nor still to come from its input), at the
 * end of input, and at least every {@code intervalMillis} while input flows, so the coverage
 * snapshots stay as fresh as their own interval. Chained to the operator that makes the deltas;
 * stateless between flushes.
 *
 * <p><b>Period and timeliness</b> (docs/contract.md §8). A delta whose decision date is outside the
 * coverage period is dropped here; a delta that adds or takes away a record's timeliness is
 * evaluated here ({@link TimelinessRule}: a working-day count is two array lookups) into timely,
 * late or unknown. Both dates are then cleared, so deltas still add up by department, type and
 * reason alone.
 */
public class DeptDeltaCombineOperator extends AbstractStreamOperator<DeptDelta>
        implements OneInputStreamOperator<DeptDelta, DeptDelta>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final long intervalMillis;
    private final CoveragePeriod period;
    private final TimelinessRule timeliness;
    private transient Map<List<Object>, DeptDelta> sums;
    private transient long flushAt;

    /** All input counted, timeliness by the bundled calendar and the 7-day deadline. */
    public DeptDeltaCombineOperator(long intervalMillis) {
        this(intervalMillis, CoveragePeriod.all(), TimelinessRule.defaults());
    }

    public DeptDeltaCombineOperator(
            long intervalMillis, CoveragePeriod period, TimelinessRule timeliness) {
        this.intervalMillis = intervalMillis;
        this.period = period;
        this.timeliness = timeliness;
    }

    @Override
    public void open() throws Exception {
        super.open();
        sums = new LinkedHashMap<>();
        flushAt = Long.MAX_VALUE;
    }

    @Override
    public void processElement(StreamRecord<DeptDelta> element) {
        DeptDelta d = applyPeriodAndTimeliness(element.getValue());
        if (d == null) {
            return;
        }
        List<Object> key =
                java.util.Arrays.asList(d.getDeptCode(), d.getRecordType(), d.getRejectReason());
        DeptDelta sum = sums.get(key);
        if (sum == null) {
            sums.put(key, d == element.getValue() ? DeptDelta.newBuilder(d).build() : d);
            if (flushAt == Long.MAX_VALUE) {
                flushAt = getProcessingTimeService().getCurrentProcessingTime() + intervalMillis;
                getProcessingTimeService().registerTimer(flushAt, t -> flush());
            }
            return;
        }
        add(sum, d);
    }

    /**
     * {@code d} with its timeliness evaluated and its dates cleared (a new object when it had any);
     * null when its decision date is outside the period.
     */
    DeptDelta applyPeriodAndTimeliness(DeptDelta d) {
        if (!period.contains(d.getDecisionDay())) {
            return null;
        }
        if (d.getDecisionDay() == null && d.getReceivedDay() == null && d.getTimeliness() == 0) {
            return d;
        }
        DeptDelta c = DeptDelta.newBuilder(d).build();
        int sign = d.getTimeliness();
        if (sign != 0) {
            switch (timeliness.evaluate(d.getDecisionDay(), d.getReceivedDay()).kind()) {
                case TIMELY -> c.setTimely(c.getTimely() + sign);
                case LATE -> c.setLate(c.getLate() + sign);
                default -> c.setTimelinessUnknown(c.getTimelinessUnknown() + sign);
            }
        }
        c.setDecisionDay(null);
        c.setReceivedDay(null);
        c.setTimeliness(0);
        return c;
    }

    /**
     * {@code sum} plus {@code d}, field by field; both have the same department, type and reason.
     */
    static void add(DeptDelta sum, DeptDelta d) {
        sum.setReceived(sum.getReceived() + d.getReceived());
        sum.setAccepted(sum.getAccepted() + d.getAccepted());
        sum.setRejected(sum.getRejected() + d.getRejected());
        sum.setDuplicates(sum.getDuplicates() + d.getDuplicates());
        sum.setUnified(sum.getUnified() + d.getUnified());
        sum.setNonPerson(sum.getNonPerson() + d.getNonPerson());
        sum.setLinked(sum.getLinked() + d.getLinked());
        sum.setProcessingErrors(sum.getProcessingErrors() + d.getProcessingErrors());
        sum.setTimely(sum.getTimely() + d.getTimely());
        sum.setLate(sum.getLate() + d.getLate());
        sum.setTimelinessUnknown(sum.getTimelinessUnknown() + d.getTimelinessUnknown());
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    /**
     * The sums go ahead of every watermark: the end of input is a watermark at the end of time, on
     * which {@link DeptStatsFunction} publishes its final counters; a sum sent after it would miss
     * them.
     */
    @Override
    public void processWatermark(org.apache.flink.streaming.api.watermark.Watermark mark)
            throws Exception {
        flush();
        super.processWatermark(mark);
    }

    private void flush() {
        flushAt = Long.MAX_VALUE;
        for (DeptDelta d : sums.values()) {
            output.collect(new StreamRecord<>(d));
        }
        sums.clear();
    }
}
