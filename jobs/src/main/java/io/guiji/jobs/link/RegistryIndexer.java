package io.guiji.jobs.link;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.ingest.ReferenceParsers;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.internal.IndexUpdate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns registry entries into index updates for the lookup keys. Key: {@code enterprise_id}.
 * State: the entry currently in force. In {@link EmitMode#CHANGES} a new entry for the same
 * enterprise (a rename, a correction, a withdrawal) replaces the old one and emits the keys it
 * leaves and enters; in {@link EmitMode#FINAL} duplicates are settled by their source reference
 * (the greatest wins) and only the final keys are emitted, at the end of input.
 *
 * <p><b>Isolation.</b> An entry whose keys cannot be computed ({@link LinkKeys#diff} throws, e.g.
 * on a name the name analysis fails on) goes to {@link ReferenceParsers#REFERENCE_REJECTED} as
 * PROCESSING_ERROR ({@code stage index}, its source reference, the entry as raw text), counted in
 * {@value ProcessingErrors#METRIC}; the state keeps the entry in force before it, whose keys stay
 * indexed, and no update of the failed entry is sent. An entry is thus either indexed or rejected.
 */
public class RegistryIndexer extends KeyedProcessFunction<String, RegistryEntry, IndexUpdate> {
    private static final long serialVersionUID = 1L;

    private final EmitMode mode;
    private transient ValueState<RegistryEntry> current;
    private transient Counter processingErrors;

    public RegistryIndexer(EmitMode mode) {
        this.mode = mode;
    }

    @Override
    public void open(OpenContext openContext) {
        current = getRuntimeContext().getState(new ValueStateDescriptor<>("registry-entry", RegistryEntry.class));
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RegistryEntry entry, Context ctx, Collector<IndexUpdate> out) throws Exception {
        RegistryEntry before = current.value();
        if (mode == EmitMode.FINAL) {
            if (before == null || compareSources(entry.getSource(), before.getSource()) > 0) {
                current.update(entry);
            }
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        java.util.List<IndexUpdate> updates = updates(before, entry, entry, ctx);
        if (updates == null) {
            return; // rejected; the entry before it stays in force
        }
        for (IndexUpdate u : updates) {
            out.collect(u);
        }
        if (entry.getDeleted()) {
            current.clear();
        } else {
            current.update(entry);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexUpdate> out) throws Exception {
        RegistryEntry entry = current.value();
        java.util.List<IndexUpdate> updates = updates(null, entry, entry, ctx);
        if (updates != null) {
            for (IndexUpdate u : updates) {
                out.collect(u);
            }
        }
    }

    /** The index updates from {@code before} to {@code after}; null when computing them threw ({@code entry} is then rejected). */
    private java.util.List<IndexUpdate> updates(RegistryEntry before, RegistryEntry after, RegistryEntry entry, Context ctx) {
        try {
            return LinkKeys.diff(before, after);
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            SourceRef s = entry == null ? null : entry.getSource();
            String raw;
            try {
                raw = String.valueOf(entry);
            } catch (RuntimeException ignored) {
                raw = "";
            }
            ctx.output(ReferenceParsers.REFERENCE_REJECTED, ProcessingErrors.rejected(
                    s == null ? "registry:" + ctx.getCurrentKey() : s.getFile(), s == null ? 0L : s.getRow(),
                    "index", e, raw, null, null));
            return null;
        }
    }

    private static int compareSources(SourceRef a, SourceRef b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int c = a.getFile().compareTo(b.getFile());
        return c != 0 ? c : Long.compare(a.getRow(), b.getRow());
    }
}
