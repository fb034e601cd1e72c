package io.guiji.jobs.dedup;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DedupState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Unites all accepted copies of one decision (CONTRACT §5). Key: {@code record_id}. State: one
 * {@link DedupState} per record, kept for the life of the record (a later copy or revocation may
 * come years later). Output: the unified, not yet linked record — in {@link EmitMode#FINAL} once
 * at the end of input, in {@link EmitMode#CHANGES} whenever the unified record changes, with a
 * version one higher than the last one emitted.
 */
public class DedupFunction extends KeyedProcessFunction<String, SupervisionRecord, UnifiedRecord> {
    private static final long serialVersionUID = 1L;

    private final EmitMode mode;
    private transient ValueState<DedupState> state;
    private transient Counter duplicates;

    public DedupFunction(EmitMode mode) {
        this.mode = mode;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("dedup", DedupState.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateCopies");
    }

    @Override
    public void processElement(SupervisionRecord copy, Context ctx, Collector<UnifiedRecord> out) throws Exception {
        DedupState current = state.value();
        if (current != null) {
            duplicates.inc();
        }
        UnifiedRecord before = current == null || mode == EmitMode.FINAL ? null : CopyMerger.unified(current);
        DedupState next = CopyMerger.add(current, copy);
        if (mode == EmitMode.FINAL) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            state.update(next);
            return;
        }
        UnifiedRecord after = CopyMerger.unified(next);
        if (before == null || !sameContent(before, after)) {
            next.setEmittedVersion(next.getEmittedVersion() + 1);
            after.setVersion(next.getEmittedVersion());
            out.collect(after);
        }
        state.update(next);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<UnifiedRecord> out) throws Exception {
        DedupState current = state.value();
        if (current != null) {
            out.collect(CopyMerger.unified(current));
        }
    }

    private static boolean sameContent(UnifiedRecord a, UnifiedRecord b) {
        return a.getFields().equals(b.getFields()) && a.getQualityFlags().equals(b.getQualityFlags())
                && a.getSources().equals(b.getSources());
    }
}
