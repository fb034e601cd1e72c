package io.guiji.jobs.enterprise;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.internal.RecordFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Bounded runs: the view of one subject — an enterprise ({@code E:<id>}) or an unregistered name
 * ({@code N:<name>}), see {@link RecordFactsExtractor} — once, at the end of input: the enterprise
 * profile with its health index when it is an enterprise with records in force, and its open
 * unlicensed-operation leads, to {@link #LEADS} ({@link SubjectViews}). Streaming publishes the
 * view's changes instead: {@link SubjectViewChangesOperator}.
 *
 * <p><b>State.</b> Keyed by subject: the facts of each record in it, by {@code record_id}; a newer
 * version replaces a record's facts, an older one is ignored, a removal (a revoked record) takes
 * them out.
 *
 * <p><b>Isolation.</b> A subject the view fails on is skipped, counted in {@value
 * ProcessingErrors#METRIC}; the records themselves are published already. A value of a profile or
 * lead that Avro cannot encode is left out (null or empty), counted there too.
 */
public class SubjectViewFunction
        extends KeyedProcessFunction<String, RecordFacts, EnterpriseProfile> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Lead> LEADS = SubjectViews.LEADS;

    private final LocalDate referenceDate;
    private final HealthModel model;
    private final LeadRules rules;

    private transient MapState<String, RecordFacts> records;
    private transient Counter processingErrors;

    /** {@code referenceDate}: the date the profile and the leads are computed on. */
    public SubjectViewFunction(LocalDate referenceDate, HealthModel model, LeadRules rules) {
        this.referenceDate = Objects.requireNonNull(referenceDate, "referenceDate");
        this.model = model;
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        records =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "records",
                                        TypeInformation.of(String.class),
                                        AvroTypes.of(RecordFacts.class)));
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RecordFacts f, Context ctx, Collector<EnterpriseProfile> out)
            throws Exception {
        RecordFacts before = records.get(f.getRecordId());
        if (before != null && before.getVersion() > f.getVersion()) {
            return; // an older state: only the highest version counts
        }
        if (f.getRemoved()) {
            records.remove(f.getRecordId());
        } else {
            records.put(f.getRecordId(), f);
        }
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnterpriseProfile> out)
            throws Exception {
        List<RecordFacts> facts = new ArrayList<>();
        for (RecordFacts f : records.values()) {
            facts.add(f);
        }
        records.clear();
        SubjectViews.View view;
        try {
            view =
                    SubjectViews.compute(
                            ctx.getCurrentKey(), facts, referenceDate, model, rules, false);
        } catch (RuntimeException e) {
            ProcessingErrors.rethrowIfInfrastructure(e);
            processingErrors.inc();
            return;
        }
        if (view.repaired()) {
            processingErrors.inc();
        }
        if (view.profile() != null) {
            out.collect(view.profile());
        }
        view.leads().forEach(l -> ctx.output(LEADS, l));
    }
}
