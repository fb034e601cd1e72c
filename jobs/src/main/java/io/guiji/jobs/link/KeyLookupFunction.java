package io.guiji.jobs.link;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The join of records and registry on one lookup key, symmetric in arrival order. Key: a lookup
 * key ({@link LinkKeys}). State: the registry entries under the key and the records subscribed to
 * it, both kept while the job runs (a record may be re-linked by a registry change at any time).
 * Output: for each subscriber, the entries under the key — in {@link EmitMode#CHANGES} on
 * subscription and again on every registry change; in {@link EmitMode#FINAL} once at the end.
 * At most {@code maxMatches} entries are sent (sorted by id); more only mark the answer truncated.
 */
public class KeyLookupFunction extends KeyedCoProcessFunction<String, IndexUpdate, LookupRequest, LookupAnswer> {
    private static final long serialVersionUID = 1L;

    private final EmitMode mode;
    private final int maxMatches;
    private transient MapState<String, RegistryMatch> entries;
    private transient MapState<String, Boolean> subscribers;

    public KeyLookupFunction(EmitMode mode, int maxMatches) {
        this.mode = mode;
        this.maxMatches = maxMatches;
    }

    @Override
    public void open(OpenContext openContext) {
        entries = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("registry-entries", Types.STRING, org.apache.flink.api.common.typeinfo.TypeInformation.of(RegistryMatch.class)));
        subscribers = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("subscribers", Types.STRING, Types.BOOLEAN));
    }

    @Override
    public void processElement1(IndexUpdate update, Context ctx, Collector<LookupAnswer> out) throws Exception {
        if (update.getAdd()) {
            entries.put(update.getEnterpriseId(), new RegistryMatch(update.getEnterpriseId(), update.getName(), update.getFormer()));
        } else {
            RegistryMatch existing = entries.get(update.getEnterpriseId());
            if (existing != null && existing.getFormer() == update.getFormer()) {
                entries.remove(update.getEnterpriseId());
            }
        }
        if (mode == EmitMode.FINAL) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        LookupAnswer answer = null;
        for (String recordId : subscribers.keys()) {
            answer = answer == null ? answer(ctx.getCurrentKey(), recordId) : withRecord(answer, recordId);
            out.collect(answer);
        }
    }

    @Override
    public void processElement2(LookupRequest request, Context ctx, Collector<LookupAnswer> out) throws Exception {
        subscribers.put(request.getRecordId(), true);
        if (mode == EmitMode.FINAL) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        out.collect(answer(ctx.getCurrentKey(), request.getRecordId()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LookupAnswer> out) throws Exception {
        LookupAnswer answer = null;
        for (String recordId : subscribers.keys()) {
            answer = answer == null ? answer(ctx.getCurrentKey(), recordId) : withRecord(answer, recordId);
            out.collect(answer);
        }
    }

    private LookupAnswer answer(String key, String recordId) throws Exception {
        List<RegistryMatch> matches = new ArrayList<>();
        for (Map.Entry<String, RegistryMatch> e : entries.entries()) {
            matches.add(e.getValue());
        }
        matches.sort((a, b) -> a.getEnterpriseId().compareTo(b.getEnterpriseId()));
        boolean truncated = matches.size() > maxMatches;
        if (truncated) {
            matches = new ArrayList<>(matches.subList(0, maxMatches));
        }
        return new LookupAnswer(recordId, key, matches, truncated);
    }

    private static LookupAnswer withRecord(LookupAnswer a, String recordId) {
        return new LookupAnswer(recordId, a.getKey(), a.getMatches(), a.getTruncated());
    }
}
