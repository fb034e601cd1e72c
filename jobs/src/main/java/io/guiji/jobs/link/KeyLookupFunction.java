package io.guiji.jobs.link;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.ingest.ReferenceParsers;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The join of records and registry on one lookup key, symmetric in arrival order. Key: a lookup
 * key ({@link LinkKeys}). State: the registry entries under the key and the records subscribed to
 * it, both kept while the job runs (a record may be re-linked by a registry change at any time),
 * with whether any record subscribed and, under a fuzzy key, the number of entries.
 * Output: for each subscriber, the entries under the key — in {@link EmitMode#CHANGES} on
 * subscription and again on every registry change; in {@link EmitMode#FINAL} once at the end.
 * At most {@code maxMatches} entries are sent (current names first, then by id); more only mark the answer truncated.
 * Under a fuzzy blocking key ({@link LinkKeys#isFuzzy}) a truncated answer carries no entries at
 * all: such a key is too common to tell anything, the fuzzy tier does not link on it, and reading
 * stops after {@code maxMatches + 1} entries, so the cost of an answer is bounded however many
 * registry entries share the key; with the count kept, such a key is answered without reading.
 *
 * <p><b>Isolation.</b> An index update that throws here is reported to {@link
 * ReferenceParsers#REFERENCE_REJECTED} as PROCESSING_ERROR ({@code stage lookup}, file {@code
 * registry:<enterprise_id>}, the update as raw text); what fails on the update itself (its slot, the
 * entry it makes) fails before the state is written, so the key's state stays as it was; a request
 * that throws is answered with no entries under its key, so the record is still decided and
 * published, without this key. Both are counted in {@value ProcessingErrors#METRIC}; exceptions of
 * the state backend itself are thrown on ({@link ProcessingErrors#isInfrastructure}).
 */
public class KeyLookupFunction extends KeyedCoProcessFunction<String, IndexUpdate, LookupRequest, LookupAnswer> {
    private static final long serialVersionUID = 1L;

    private final EmitMode mode;
    private final int maxMatches;
    private transient MapState<String, RegistryMatch> entries;
    private transient MapState<String, Boolean> subscribers;
    /**
     * How many entries a fuzzy key holds, so that a request to a key holding more than {@code
     * maxMatches} is answered "truncated" without reading them (RocksDB's map iterator reads and
     * deserializes up to 128 entries at a time, and the busiest fuzzy keys hold thousands). Absent
     * for exact keys. State written before the count existed (0.1.0 snapshots before this state was
     * added) is not supported: its fuzzy keys would count from zero.
     */
    private transient ValueState<Integer> fuzzyCount;
    /**
     * Set once a record subscribes to the key, so that a registry update under a key no record
     * asked for (most of them) sends nothing without opening an iterator over the subscribers, which
     * in RocksDB costs far more than the update itself.
     */
    private transient ValueState<Boolean> subscribed;
    private transient Counter processingErrors;

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
        fuzzyCount = getRuntimeContext().getState(new ValueStateDescriptor<>("fuzzy-entry-count", Types.INT));
        subscribed = getRuntimeContext().getState(new ValueStateDescriptor<>("subscribed", Types.BOOLEAN));
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement1(IndexUpdate update, Context ctx, Collector<LookupAnswer> out) throws Exception {
        List<LookupAnswer> answers;
        try {
            answers = index(update, ctx);
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            ctx.output(ReferenceParsers.REFERENCE_REJECTED, ProcessingErrors.rejected(
                    "registry:" + update.getEnterpriseId(), 0L, "lookup", e, String.valueOf(update), null, null));
            return;
        }
        for (LookupAnswer a : answers) {
            out.collect(a);
        }
    }

    /**
     * Applies an index update to the key's state; the answers to send. What depends on the update
     * alone (its slot and entry) is computed before the state is written.
     */
    private List<LookupAnswer> index(IndexUpdate update, Context ctx) throws Exception {
        List<LookupAnswer> sent = new ArrayList<>(0);
        String slot = slot(update);
        boolean fuzzy = LinkKeys.isFuzzy(update.getKey());
        // No count yet: a new key. (Reading the entries instead would cost a RocksDB iterator per new
        // key, most keys being new while a registry loads.)
        int count = fuzzy ? java.util.Objects.requireNonNullElse(fuzzyCount.value(), 0) : 0;
        RegistryMatch existing = entries.get(slot);
        RegistryMatch next = applied(update, existing);
        if (java.util.Objects.equals(next, existing)) {
            return sent; // nothing changes under the key: no write, no answer to send again
        }
        if (next == null) {
            entries.remove(slot);
        } else {
            entries.put(slot, next);
        }
        if (fuzzy) {
            int after = count + (existing == null ? 0 : -1) + (next == null ? 0 : 1);
            fuzzyCount.update(after);
            if (count > maxMatches && after > maxMatches) {
                return sent; // answered "truncated", empty, before and after: subscribers learn nothing new
            }
        }
        if (mode == EmitMode.FINAL || subscribed.value() == null) {
            return sent; // answered at the end, by the timer a subscriber sets; or no one to answer
        }
        LookupAnswer answer = null;
        for (String recordId : subscribers.keys()) {
            answer = answer == null ? answer(ctx.getCurrentKey(), recordId) : withRecord(answer, recordId);
            sent.add(answer);
        }
        return sent;
    }

    @Override
    public void processElement2(LookupRequest request, Context ctx, Collector<LookupAnswer> out) throws Exception {
        subscribers.put(request.getRecordId(), true);
        if (mode == EmitMode.FINAL) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        subscribed.update(true);
        LookupAnswer a;
        try {
            a = answer(ctx.getCurrentKey(), request.getRecordId());
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            a = new LookupAnswer(request.getRecordId(), ctx.getCurrentKey(), new ArrayList<>(), false);
        }
        out.collect(a);
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
        if (LinkKeys.isFuzzy(key)) {
            Integer count = fuzzyCount.value();
            if (count != null && count > maxMatches) {
                return new LookupAnswer(recordId, key, new ArrayList<>(), true); // as answer(…) would after reading
            }
        }
        return answer(key, recordId, entries.values(), maxMatches);
    }

    /** {@link IndexPlaces#answer}. */
    public static LookupAnswer answer(String key, String recordId, Iterable<RegistryMatch> entries, int maxMatches) {
        return IndexPlaces.answer(key, recordId, entries, maxMatches);
    }

    /** {@link IndexPlaces#slot}. */
    public static String slot(IndexUpdate update) {
        return IndexPlaces.slot(update);
    }

    /** {@link IndexPlaces#applied}. */
    public static RegistryMatch applied(IndexUpdate update, RegistryMatch existing) {
        return IndexPlaces.applied(update, existing);
    }

    private static LookupAnswer withRecord(LookupAnswer a, String recordId) {
        return new LookupAnswer(recordId, a.getKey(), a.getMatches(), a.getTruncated());
    }
}
