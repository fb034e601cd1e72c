package io.guiji.jobs.link;

import io.guiji.jobs.EmitMode;
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
 */
public class LinkResolver extends KeyedCoProcessFunction<String, UnifiedRecord, LookupAnswer, UnifiedRecord> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeptDelta> DEPT_DELTAS = new OutputTag<>("unified-dept-deltas", TypeInformation.of(DeptDelta.class));
    public static final OutputTag<LinkChange> LINK_CHANGES = new OutputTag<>("link-changes", TypeInformation.of(LinkChange.class));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final EmitMode mode;
    private final String zone;
    private final FuzzyPolicy fuzzy;
    private transient ValueState<UnifiedRecord> merged;
    private transient ValueState<UnifiedRecord> published;
    private transient MapState<String, LookupAnswer> answers;

    public LinkResolver(EmitMode mode, String zone) {
        this(mode, zone, FuzzyPolicy.DEFAULT);
    }

    public LinkResolver(EmitMode mode, String zone, FuzzyPolicy fuzzy) {
        this.mode = mode;
        this.zone = zone;
        this.fuzzy = fuzzy;
    }

    @Override
    public void open(OpenContext openContext) {
        merged = getRuntimeContext().getState(new ValueStateDescriptor<>("merged", UnifiedRecord.class));
        published = getRuntimeContext().getState(new ValueStateDescriptor<>("published", UnifiedRecord.class));
        answers = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("answers", Types.STRING, TypeInformation.of(LookupAnswer.class)));
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
        UnifiedRecord linked = LinkDecider.decide(record, answerMap(), fuzzy);
        out.collect(linked);
        ctx.output(DEPT_DELTAS, delta(null, linked));
    }

    private void publishIfChanged(Context ctx, Collector<UnifiedRecord> out) throws Exception {
        UnifiedRecord record = merged.value();
        if (record == null) {
            return;
        }
        Map<String, LookupAnswer> current = answerMap();
        List<LookupRequest> requests = LinkKeys.requestsFor(record);
        if (!LinkDecider.answered(requests, current)) {
            return;
        }
        UnifiedRecord linked = LinkDecider.decide(record, current, fuzzy, requests);
        UnifiedRecord before = published.value();
        if (before != null) {
            linked.setVersion(before.getVersion());
            if (linked.equals(before)) {
                return;
            }
        }
        linked.setVersion(before == null ? 1 : before.getVersion() + 1);
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
        return d;
    }

    private static long copies(UnifiedRecord r) {
        return r.getSources().size();
    }

    private static long nonPerson(UnifiedRecord r) {
        return r.getLinkMethod() == LinkMethod.PERSON ? 0 : 1;
    }

    private static long linked(UnifiedRecord r) {
        return r.getEnterpriseId() != null && r.getLinkMethod() != LinkMethod.PERSON ? 1 : 0;
    }
}
