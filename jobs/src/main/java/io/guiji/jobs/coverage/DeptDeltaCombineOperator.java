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
 */
public class DeptDeltaCombineOperator extends AbstractStreamOperator<DeptDelta>
        implements OneInputStreamOperator<DeptDelta, DeptDelta>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final long intervalMillis;
    private transient Map<List<Object>, DeptDelta> sums;
    private transient long flushAt;

    public DeptDeltaCombineOperator(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        sums = new LinkedHashMap<>();
        flushAt = Long.MAX_VALUE;
    }

    @Override
    public void processElement(StreamRecord<DeptDelta> element) {
        DeptDelta d = element.getValue();
        List<Object> key =
                java.util.Arrays.asList(d.getDeptCode(), d.getRecordType(), d.getRejectReason());
        DeptDelta sum = sums.get(key);
        if (sum == null) {
            sums.put(key, DeptDelta.newBuilder(d).build());
            if (flushAt == Long.MAX_VALUE) {
                flushAt = getProcessingTimeService().getCurrentProcessingTime() + intervalMillis;
                getProcessingTimeService().registerTimer(flushAt, t -> flush());
            }
            return;
        }
        add(sum, d);
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
