package io.guiji.jobs.coverage;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.jobs.EmitMode;
import io.guiji.schemas.internal.DeptCounters;
import io.guiji.schemas.internal.DeptDelta;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds up one department's counters from the deltas of parsing (received, accepted, rejected) and
 * of publishing (unified, duplicates, linked). Key: {@code dept_code} ("" for records whose path
 * names none). State: the counters, kept for the period. Output: the counters — once at the end of
 * input ({@link EmitMode#FINAL}) or at most once per {@code intervalMillis} of processing time
 * while they change ({@link EmitMode#CHANGES}), which bounds the load on the single coverage task.
 *
 * <p><b>Isolation.</b> A delta that cannot be added is skipped, counted in {@value
 * io.guiji.jobs.ProcessingErrors#METRIC}: it is applied to a copy of the counters, so the state
 * keeps the counters before it. (A delta is a count about records already published or rejected,
 * not a record: skipping it loses no record, only that count.)
 */
public class DeptStatsFunction extends KeyedProcessFunction<String, DeptDelta, DeptCounters> {
    private static final long serialVersionUID = 1L;

    private final EmitMode mode;
    private final long intervalMillis;
    private transient ValueState<DeptCounters> counters;
    private transient ValueState<Boolean> flushScheduled;
    private transient org.apache.flink.metrics.Counter processingErrors;

    public DeptStatsFunction(EmitMode mode, long intervalMillis) {
        this.mode = mode;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        counters =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "dept-counters", AvroTypes.of(DeptCounters.class)));
        flushScheduled =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("flush-scheduled", Boolean.class));
        processingErrors =
                io.guiji.jobs.ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(DeptDelta d, Context ctx, Collector<DeptCounters> out)
            throws Exception {
        DeptCounters c;
        try {
            DeptCounters before = counters.value();
            if (before == null) {
                c =
                        DeptCounters.newBuilder()
                                .setDeptCode(d.getDeptCode())
                                .setAcceptedByType(new HashMap<>())
                                .setRejectedByReason(new HashMap<>())
                                .build();
            } else {
                c = DeptCounters.newBuilder(before).build();
                c.setAcceptedByType(copy(before.getAcceptedByType()));
                c.setRejectedByReason(copy(before.getRejectedByReason()));
            }
            apply(c, d);
        } catch (RuntimeException e) {
            if (io.guiji.jobs.ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            return;
        }
        counters.update(c);
        if (mode == EmitMode.FINAL) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else if (flushScheduled.value() == null) {
            flushScheduled.update(true);
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            ctx.timerService().currentProcessingTime() + intervalMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeptCounters> out)
            throws Exception {
        flushScheduled.clear();
        DeptCounters c = counters.value();
        if (c != null) {
            out.collect(DeptCounters.newBuilder(c).build());
        }
    }

    static void apply(DeptCounters c, DeptDelta d) {
        c.setReceived(c.getReceived() + d.getReceived());
        c.setAccepted(c.getAccepted() + d.getAccepted());
        c.setRejected(c.getRejected() + d.getRejected());
        c.setDuplicates(c.getDuplicates() + d.getDuplicates());
        c.setUnified(c.getUnified() + d.getUnified());
        c.setNonPerson(c.getNonPerson() + d.getNonPerson());
        c.setLinked(c.getLinked() + d.getLinked());
        c.setProcessingErrors(c.getProcessingErrors() + d.getProcessingErrors());
        c.setTimely(c.getTimely() + d.getTimely());
        c.setLate(c.getLate() + d.getLate());
        c.setTimelinessUnknown(c.getTimelinessUnknown() + d.getTimelinessUnknown());
        // A count that returns to zero leaves its map (null from the merge function removes it), so
        // counters are the same whether deltas came one by one or summed
        // (DeptDeltaCombineOperator).
        if (d.getRecordType() != null && d.getAccepted() != 0) {
            c.getAcceptedByType()
                    .merge(d.getRecordType().name(), d.getAccepted(), DeptStatsFunction::sumOrNone);
        }
        if (d.getRejectReason() != null && d.getRejected() != 0) {
            c.getRejectedByReason()
                    .merge(
                            d.getRejectReason().name(),
                            d.getRejected(),
                            DeptStatsFunction::sumOrNone);
        }
    }

    private static Long sumOrNone(Long a, Long b) {
        long sum = a + b;
        return sum == 0 ? null : sum;
    }

    static Map<String, Long> copy(Map<String, Long> m) {
        return new HashMap<>(m);
    }
}
