package io.guiji.jobs.coverage;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.jobs.EmitMode;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.internal.DeptCounters;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The coverage snapshot (docs/contract.md §8). Key: a constant ({@link CoverageKey}), so one task
 * sees the whole catalogue and every department. State: the catalogue items and each department's
 * latest counters. Output: one snapshot at the end of input ({@link EmitMode#FINAL}); or,
 * streaming, a new snapshot at most once per interval, only when it differs from the last one.
 *
 * <p><b>Isolation.</b> A snapshot that cannot be computed, or that Avro could not encode, is not
 * published (the last one stands; a bounded run then writes the empty coverage) and is counted in
 * {@value io.guiji.jobs.ProcessingErrors#METRIC}; the next change tries again. Snapshots are
 * figures about records, not records: no record is lost with one.
 */
public class CoverageFunction
        extends KeyedCoProcessFunction<Integer, CatalogEntry, DeptCounters, CoverageSnapshot> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final EmitMode mode;
    private final double target;
    private final CoveragePeriod period;
    private final TimelinessRule timeliness;
    private final long intervalMillis;
    private final String zone;
    private transient MapState<String, CatalogEntry> catalog;
    private transient MapState<String, DeptCounters> depts;
    private transient ValueState<CoverageSnapshot> last;
    private transient ValueState<Boolean> scheduled;
    private transient org.apache.flink.metrics.Counter processingErrors;

    public CoverageFunction(
            EmitMode mode, double target, String period, long intervalMillis, String zone) {
        this(
                mode,
                target,
                CoveragePeriod.parse(period),
                TimelinessRule.defaults(),
                intervalMillis,
                zone);
    }

    public CoverageFunction(
            EmitMode mode,
            double target,
            CoveragePeriod period,
            TimelinessRule timeliness,
            long intervalMillis,
            String zone) {
        this.mode = mode;
        this.target = target;
        this.period = period;
        this.timeliness = timeliness;
        this.intervalMillis = intervalMillis;
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        catalog =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "catalog", Types.STRING, AvroTypes.of(CatalogEntry.class)));
        depts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "depts", Types.STRING, AvroTypes.of(DeptCounters.class)));
        last =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-snapshot", AvroTypes.of(CoverageSnapshot.class)));
        scheduled =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("scheduled", Boolean.class));
        processingErrors =
                io.guiji.jobs.ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement1(CatalogEntry entry, Context ctx, Collector<CoverageSnapshot> out)
            throws Exception {
        String key = entry.getDeptCode() + '\u001F' + entry.getRecordType();
        if (entry.getDeleted()) {
            catalog.remove(key);
        } else {
            CatalogEntry existing = catalog.get(key);
            catalog.put(
                    key,
                    existing == null
                            ? entry
                            : existing.toString().compareTo(entry.toString()) <= 0
                                    ? existing
                                    : entry);
        }
        schedule(ctx);
    }

    @Override
    public void processElement2(DeptCounters counters, Context ctx, Collector<CoverageSnapshot> out)
            throws Exception {
        depts.put(counters.getDeptCode(), counters);
        schedule(ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CoverageSnapshot> out)
            throws Exception {
        scheduled.clear();
        List<CatalogEntry> entries = new ArrayList<>();
        for (CatalogEntry e : catalog.values()) {
            entries.add(e);
        }
        Map<String, DeptCounters> counters = new HashMap<>();
        for (Map.Entry<String, DeptCounters> e : depts.entries()) {
            counters.put(e.getKey(), e.getValue());
        }
        String now = LocalDateTime.now(ZoneId.of(zone)).format(TIME);
        CoverageSnapshot snapshot;
        try {
            snapshot =
                    CoverageCalculator.compute(entries, counters, target, period, timeliness, now);
            String problem = io.guiji.connectors.kafka.AvroGuard.problem(snapshot);
            if (problem != null) {
                throw new org.apache.avro.AvroTypeException(problem);
            }
        } catch (RuntimeException e) {
            if (io.guiji.jobs.ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            org.slf4j.LoggerFactory.getLogger(CoverageFunction.class)
                    .warn(
                            "coverage snapshot not published: {}",
                            io.guiji.jobs.ProcessingErrors.message("coverage", e));
            return;
        }
        CoverageSnapshot previous = last.value();
        if (previous != null) {
            previous.setGeneratedAt(now);
            if (previous.equals(snapshot)) {
                return;
            }
        }
        last.update(snapshot);
        out.collect(snapshot);
    }

    private void schedule(Context ctx) throws Exception {
        if (mode == EmitMode.FINAL) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else if (scheduled.value() == null) {
            scheduled.update(true);
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            ctx.timerService().currentProcessingTime() + intervalMillis);
        }
    }
}
