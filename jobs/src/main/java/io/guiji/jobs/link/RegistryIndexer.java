package io.guiji.jobs.link;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.internal.IndexUpdate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns registry entries into index updates for the lookup keys. Key: {@code enterprise_id}.
 * State: the entry currently in force. In {@link EmitMode#CHANGES} a new entry for the same
 * enterprise (a rename, a correction, a withdrawal) replaces the old one and emits the keys it
 * leaves and enters; in {@link EmitMode#FINAL} duplicates are settled by their source reference
 * (the greatest wins) and only the final keys are emitted, at the end of input.
 */
public class RegistryIndexer extends KeyedProcessFunction<String, RegistryEntry, IndexUpdate> {
    private static final long serialVersionUID = 1L;

    private final EmitMode mode;
    private transient ValueState<RegistryEntry> current;

    public RegistryIndexer(EmitMode mode) {
        this.mode = mode;
    }

    @Override
    public void open(OpenContext openContext) {
        current = getRuntimeContext().getState(new ValueStateDescriptor<>("registry-entry", RegistryEntry.class));
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
        for (IndexUpdate u : LinkKeys.diff(before, entry)) {
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
        for (IndexUpdate u : LinkKeys.diff(null, current.value())) {
            out.collect(u);
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
