package io.guiji.jobs.link;

import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.jobs.EmitMode;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.dedup.DedupFunction;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptDelta;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decides each unified record's enterprise from the registry's answers ({@link LinkDecider}) and
 * publishes it. Key: {@code record_id}. State: the latest unified record from dedup, the latest
 * answer per lookup key, and the last published state, all kept while the record lives.
 *
 * <p>In {@link EmitMode#CHANGES} a record is published once every key it asks about is answered,
 * then again whenever its content or link changes (version + 1); a changed link of a published
 * record also goes to {@link #LINK_CHANGES} — whatever changed it: a new, renamed, corrected or
 * withdrawn registry entry re-answers every record subscribed to its keys, exact and fuzzy alike. In {@link EmitMode#FINAL} it is published once at the
 * end of input with the version dedup counted. Every publication sends its difference in the
 * department's counters to {@link #DEPT_DELTAS}.
 *
 * <p><b>Isolation.</b> A unified record that makes linking throw (its lookup keys or the decision)
 * is still published — it already stands for its sources, so rejecting it would lose them (or,
 * after an earlier version, count them twice) — unlinked: {@code NONE}, no enterprise, the quality
 * flag {@value QualityFlags#LINK_ERROR} and {@code error=stage link: <exception>} as its link
 * evidence. Its keys fail the same way in {@link LinkRequests} (the same function of the record),
 * so it waits for no answer. A published record that Avro could not encode is published without
 * the offending values ({@link AvroGuard#repaired}), flagged {@value
 * QualityFlags#UNENCODABLE_VALUE}, so no sink meets it. Both are counted in {@value
 * ProcessingErrors#METRIC} when published; deciding again gives the same state, which is then not
 * published again. Every record is thus published with its sources, exactly once per change.
 */
public class LinkResolver extends KeyedCoProcessFunction<String, UnifiedRecord, LookupAnswer, UnifiedRecord> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeptDelta> DEPT_DELTAS = new OutputTag<>("unified-dept-deltas", TypeInformation.of(DeptDelta.class));
    public static final OutputTag<LinkChange> LINK_CHANGES = new OutputTag<>("link-changes", TypeInformation.of(LinkChange.class));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final EmitMode mode;
    private final String zone;
    private final FuzzyPolicy fuzzy;
    private final Decide decide;
    private transient ValueState<UnifiedRecord> merged;
    private transient ValueState<UnifiedRecord> published;
    private transient MapState<String, LookupAnswer> answers;
    private transient Counter processingErrors;

    /** How a record's link is decided; a seam for tests (production: {@link LinkDecider#decide}). */
    interface Decide extends java.io.Serializable {
        UnifiedRecord decide(UnifiedRecord record, Map<String, LookupAnswer> answers, FuzzyPolicy policy,
                             List<LookupRequest> requests);
    }

    public LinkResolver(EmitMode mode, String zone) {
        this(mode, zone, FuzzyPolicy.DEFAULT);
    }

    public LinkResolver(EmitMode mode, String zone, FuzzyPolicy fuzzy) {
        this(mode, zone, fuzzy, LinkDecider::decide);
    }

    LinkResolver(EmitMode mode, String zone, FuzzyPolicy fuzzy, Decide decide) {
        this.mode = mode;
        this.zone = zone;
        this.fuzzy = fuzzy;
        this.decide = decide;
    }

    @Override
    public void open(OpenContext openContext) {
        merged = getRuntimeContext().getState(new ValueStateDescriptor<>("merged", UnifiedRecord.class));
        published = getRuntimeContext().getState(new ValueStateDescriptor<>("published", UnifiedRecord.class));
        answers = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("answers", Types.STRING, TypeInformation.of(LookupAnswer.class)));
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement1(UnifiedRecord record, Context ctx, Collector<UnifiedRecord> out) throws Exception {
        merged.update(record);
        if (mode == EmitMode.FINAL) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else {
            publishIfChanged(ctx, out);
        }
    }

    @Override
    public void processElement2(LookupAnswer answer, Context ctx, Collector<UnifiedRecord> out) throws Exception {
        if (mode == EmitMode.CHANGES && answer.equals(answers.get(answer.getKey()))) {
            return; // the same answer again (a new version of the record asked again): nothing to decide
        }
        answers.put(answer.getKey(), answer);
        if (mode == EmitMode.CHANGES) {
            publishIfChanged(ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<UnifiedRecord> out) throws Exception {
        UnifiedRecord record = merged.value();
        if (record == null) {
            return; // answers for a record that never arrived: nothing to publish
        }
        Outcome o = link(record, answerMap(), true);
        if (o.failed) {
            processingErrors.inc();
        }
        out.collect(o.record);
        ctx.output(DEPT_DELTAS, delta(null, o.record));
    }

    /** A decided (or, failing that, unlinked) record that can be encoded, and whether isolation stepped in. */
    private record Outcome(UnifiedRecord record, boolean failed) {}

    /**
     * The record linked on {@code answers}; null when some key is not yet answered and {@code final_}
     * is false. Whatever the record does to linking, the outcome is a record to publish.
     */
    private Outcome link(UnifiedRecord record, Map<String, LookupAnswer> current, boolean final_) {
        UnifiedRecord linked;
        boolean failed = false;
        try {
            List<LookupRequest> requests = requests(record);
            if (!final_ && !LinkDecider.answered(requests, current)) {
                return null;
            }
            linked = decide.decide(record, current, fuzzy, requests);
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            linked = unlinked(record, ProcessingErrors.message("link", e));
            failed = true;
        }
        List<String> dropped = new ArrayList<>(0);
        UnifiedRecord safe = AvroGuard.repaired(linked, dropped);
        if (safe != linked) {
            safe = DedupFunction.unencodableFlagged(safe, dropped);
            failed = true;
        }
        return new Outcome(safe, failed);
    }

    /** The record's lookup requests ({@link LinkKeys#requestsFor}); throws when one has no key, which no answer could ever match. */
    static List<LookupRequest> requests(UnifiedRecord record) {
        List<LookupRequest> requests = LinkKeys.requestsFor(record);
        for (LookupRequest r : requests) {
            if (r == null || r.getKey() == null || r.getRecordId() == null) {
                throw new IllegalStateException("a lookup request without a key or record id: " + r);
            }
        }
        return requests;
    }

    /**
     * {@code record} published unlinked after linking failed on it: {@code NONE}, the flag {@value
     * QualityFlags#LINK_ERROR}, the error as link evidence. Built without copying the record's values
     * (a deep copy could fail on them again).
     */
    static UnifiedRecord unlinked(UnifiedRecord record, String error) {
        List<String> flags = new ArrayList<>(record.getQualityFlags() == null ? List.of() : record.getQualityFlags());
        if (!flags.contains(QualityFlags.LINK_ERROR)) {
            flags.add(QualityFlags.LINK_ERROR);
        }
        flags.sort(Comparator.nullsLast(Comparator.naturalOrder()));
        List<String> evidence = new ArrayList<>(List.of("error=" + error));
        return new UnifiedRecord(record.getRecordId(), record.getVersion(), record.getRecordType(), record.getDeptCode(),
                record.getFields(), null, LinkMethod.NONE, 0.0, new ArrayList<>(), evidence, flags, record.getSources());
    }

    private void publishIfChanged(Context ctx, Collector<UnifiedRecord> out) throws Exception {
        UnifiedRecord record = merged.value();
        if (record == null) {
            return;
        }
        Outcome o = link(record, answerMap(), false);
        if (o == null) {
            return;
        }
        UnifiedRecord linked = o.record;
        UnifiedRecord before = published.value();
        if (before != null) {
            linked.setVersion(before.getVersion());
            if (linked.equals(before)) {
                return;
            }
        }
        linked.setVersion(before == null ? 1 : before.getVersion() + 1);
        if (o.failed) {
            processingErrors.inc();
        }
        out.collect(linked);
        ctx.output(DEPT_DELTAS, delta(before, linked));
        if (before != null && (!Objects.equals(before.getEnterpriseId(), linked.getEnterpriseId())
                || before.getLinkMethod() != linked.getLinkMethod())) {
            ctx.output(LINK_CHANGES, new LinkChange(linked.getRecordId(), before.getEnterpriseId(),
                    linked.getEnterpriseId(), before.getLinkMethod(), linked.getLinkMethod(), linked.getVersion(),
                    LocalDateTime.now(ZoneId.of(zone)).format(TIME)));
        }
        published.update(linked);
    }

    private Map<String, LookupAnswer> answerMap() throws Exception {
        Map<String, LookupAnswer> map = new HashMap<>();
        for (Map.Entry<String, LookupAnswer> e : answers.entries()) {
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }

    /** The change in the department's counters when {@code before} (maybe null) becomes {@code after}. */
    static DeptDelta delta(UnifiedRecord before, UnifiedRecord after) {
        DeptDelta d = new DeptDelta();
        d.setDeptCode(after.getDeptCode());
        d.setUnified(before == null ? 1 : 0);
        d.setDuplicates(copies(after) - 1 - (before == null ? 0 : copies(before) - 1));
        d.setNonPerson(nonPerson(after) - (before == null ? 0 : nonPerson(before)));
        d.setLinked(linked(after) - (before == null ? 0 : linked(before)));
        d.setProcessingErrors(isolated(after) - (before == null ? 0 : isolated(before)));
        return d;
    }

    private static long copies(UnifiedRecord r) {
        return r.getSources().size();
    }

    /** 1 when a stage failed on the record and it was published flagged for it. */
    private static long isolated(UnifiedRecord r) {
        List<String> flags = r.getQualityFlags();
        return flags.contains(QualityFlags.LINK_ERROR) || flags.contains(QualityFlags.UNENCODABLE_VALUE) ? 1 : 0;
    }

    private static long nonPerson(UnifiedRecord r) {
        return r.getLinkMethod() == LinkMethod.PERSON ? 0 : 1;
    }

    private static long linked(UnifiedRecord r) {
        return r.getEnterpriseId() != null && r.getLinkMethod() != LinkMethod.PERSON ? 1 : 0;
    }
}
