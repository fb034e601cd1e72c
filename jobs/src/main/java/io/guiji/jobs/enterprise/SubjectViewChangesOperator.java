package io.guiji.jobs.enterprise;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.internal.RecordFacts;
import io.guiji.schemas.internal.SubjectState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Streaming: the changes of each subject's view — an enterprise ({@code E:<id>}) or an unregistered
 * name ({@code N:<name>}) — as its records' facts arrive ({@link SubjectFactsTap}): the
 * enterprise's profile (with {@code record_count} 0 once its last record has left), each new or
 * changed lead as {@code OPEN}, each lead that no longer holds as {@code WITHDRAWN}
 * (docs/contract.md §9).
 *
 * <p><b>Batched by checkpoint.</b> Facts wait in the heap, grouped by subject, until the next
 * checkpoint barrier ({@link #prepareSnapshotPreBarrier}), the end of input, or {@value
 * #MAX_PENDING} waiting facts; then each subject that changed is read once, recomputed once,
 * published once and written once. What the job writes becomes visible only when a checkpoint
 * completes (Kafka transactions), so publishing at the barrier delays nothing a consumer sees; and
 * nothing waiting needs to be in a checkpoint, since the barrier's snapshot follows the flush. A
 * recompute per change and per-change state (a map of facts, a timer per tick) made the view cost
 * more than the rest of the streaming job (BENCHMARKS.md, "The enterprise view batched by
 * checkpoint"). The topics are compacted by key, so a consumer loses nothing but intermediate
 * states.
 *
 * <p><b>State.</b> Keyed by subject, one {@link SubjectState}: the facts of each record in it, by
 * {@code record_id} — a newer version replaces a record's facts, an older one is ignored, a removal
 * (revoked, or the record moved to another subject) takes them out — the leads last published, the
 * day of the last profile published and the daily timer set. Cleared when the subject has no record
 * left. A big subject is read and written whole when it changes; the profile and leads are
 * recomputed from all its facts then anyway.
 *
 * <p><b>Daily recompute.</b> The reference date is {@code referenceDate}, or, when null, today in
 * {@code zone} at the time of output; then each subject is also recomputed once a day, shortly
 * after midnight in {@code zone} (a processing-time timer spread over the first hour by the
 * subject's key): a licence that expired, a listing or measure that ended, a penalty older than
 * three years change the profile and the leads by themselves. What the day's recompute finds
 * unchanged but for the date is not published again: the profile is compared with the one its facts
 * gave on the day last published, the leads with those published, without their date.
 *
 * <p><b>Isolation.</b> A subject the view fails on publishes nothing for that change, counted in
 * {@value ProcessingErrors#METRIC}; its facts are kept. A value Avro cannot encode is left out
 * (null or empty) and counted there too, so that no subject can fail the Kafka sinks.
 */
public class SubjectViewChangesOperator extends AbstractStreamOperator<EnterpriseProfile>
        implements OneInputStreamOperator<RecordFacts, EnterpriseProfile>,
                BoundedOneInput,
                Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    /** Facts waiting at most, before a checkpoint's barrier, to bound the heap they take. */
    static final int MAX_PENDING = 20_000;

    private final LocalDate referenceDate;
    private final String zone;
    private final HealthModel model;
    private final LeadRules rules;

    private transient ValueState<SubjectState> state;
    private transient InternalTimerService<VoidNamespace> dailyTimers;
    private transient Map<String, List<RecordFacts>> pending;
    private transient int pendingCount;
    private transient Counter processingErrors;

    /** {@code referenceDate}: null for today in {@code zone}, recomputed daily. */
    public SubjectViewChangesOperator(
            LocalDate referenceDate, String zone, HealthModel model, LeadRules rules) {
        this.referenceDate = referenceDate;
        this.zone = zone;
        this.model = model;
        this.rules = rules;
    }

    @Override
    public void open() throws Exception {
        super.open();
        state =
                getKeyedStateStore()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "subject", AvroTypes.of(SubjectState.class)));
        dailyTimers = getInternalTimerService("daily", VoidNamespaceSerializer.INSTANCE, this);
        pending = new LinkedHashMap<>();
        processingErrors = ProcessingErrors.counter(getMetricGroup());
    }

    @Override
    public void processElement(StreamRecord<RecordFacts> element) throws Exception {
        // Kept past this call: the view's input comes over a keyed exchange, whose records are
        // never reused objects.
        RecordFacts f = element.getValue();
        pending.computeIfAbsent(f.getSubjectKey(), k -> new ArrayList<>(2)).add(f);
        if (++pendingCount >= MAX_PENDING) {
            flush();
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() throws Exception {
        flush();
    }

    /** Applies and publishes every waiting change, a subject at a time. */
    private void flush() throws Exception {
        for (Map.Entry<String, List<RecordFacts>> e : pending.entrySet()) {
            setCurrentKey(e.getKey());
            apply(e.getKey(), e.getValue());
        }
        pending.clear();
        pendingCount = 0;
    }

    private void apply(String key, List<RecordFacts> changes) throws Exception {
        SubjectState s = state.value();
        Map<String, RecordFacts> facts = new LinkedHashMap<>();
        if (s != null) {
            s.getFacts().forEach(f -> facts.put(f.getRecordId(), f));
        }
        boolean changed = false;
        for (RecordFacts f : changes) {
            RecordFacts before = facts.get(f.getRecordId());
            if (before != null && before.getVersion() > f.getVersion()) {
                continue; // an older state: only the highest version counts
            }
            if (f.getRemoved()) {
                if (before == null) {
                    continue;
                }
                facts.remove(f.getRecordId());
            } else {
                facts.put(f.getRecordId(), f);
            }
            changed = true;
        }
        if (!changed) {
            return;
        }
        if (s == null) {
            s = new SubjectState(new ArrayList<>(), new ArrayList<>(), 0, 0L);
        }
        s.setFacts(new ArrayList<>(facts.values()));
        publish(key, s, false);
    }

    /** The daily recompute of the timer's subject. */
    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        SubjectState s = state.value();
        if (s == null || s.getFacts().isEmpty()) {
            return;
        }
        s.setDailyAt(0L);
        publish(timer.getKey(), s, true);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {}

    /**
     * Computes the subject's view from {@code s}'s facts, publishes what changed, and writes {@code
     * s} (or clears it when no record is left). {@code daily}: the day's recompute, which publishes
     * only what changed but for the date.
     */
    private void publish(String key, SubjectState s, boolean daily) throws Exception {
        List<RecordFacts> facts = s.getFacts();
        LocalDate ref = referenceDate != null ? referenceDate : today();
        try {
            SubjectViews.View view = SubjectViews.compute(key, facts, ref, model, rules, true);
            if (view.repaired()) {
                processingErrors.inc();
            }
            if (view.profile() != null && (!daily || !sameButForTheDate(view.profile(), key, s))) {
                output.collect(new StreamRecord<>(view.profile()));
                s.setPublishedOn((int) ref.toEpochDay());
            }
            publishLeads(view.leads(), s, daily);
        } catch (RuntimeException e) {
            ProcessingErrors.rethrowIfInfrastructure(e);
            processingErrors.inc();
        }
        if (facts.isEmpty()) {
            if (s.getDailyAt() != 0L) {
                dailyTimers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, s.getDailyAt());
            }
            state.clear();
            return;
        }
        if (referenceDate == null) {
            long next = nextDaily(key);
            if (s.getDailyAt() != next) {
                dailyTimers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, next);
                s.setDailyAt(next);
            }
        }
        state.update(s);
    }

    /**
     * Whether {@code profile} is the one the same facts gave on the day last published, but for the
     * date: then the day changed nothing a consumer sees.
     */
    private boolean sameButForTheDate(EnterpriseProfile profile, String key, SubjectState s) {
        EnterpriseProfile before =
                SubjectViews.profile(
                        key, s.getFacts(), LocalDate.ofEpochDay(s.getPublishedOn()), model, true);
        return before != null && undated(before).equals(undated(profile));
    }

    private static EnterpriseProfile undated(EnterpriseProfile p) {
        return EnterpriseProfile.newBuilder(p).setReferenceDate("").build();
    }

    private static Lead undated(Lead l) {
        return Lead.newBuilder(l).setReferenceDate("").build();
    }

    /**
     * New and changed leads, and withdrawals of those that no longer hold; on the day's recompute,
     * a lead that changed only its date is not published again and keeps its last state.
     */
    private void publishLeads(List<Lead> leads, SubjectState s, boolean daily) {
        Map<String, Lead> before = new LinkedHashMap<>();
        s.getLeads().forEach(l -> before.put(l.getLeadId(), l));
        Map<String, Lead> now = new HashMap<>();
        leads.forEach(l -> now.put(l.getLeadId(), l));
        for (Lead gone : before.values()) {
            if (!now.containsKey(gone.getLeadId())) {
                output.collect(
                        SubjectViews.LEADS,
                        new StreamRecord<>(Lead.newBuilder(gone).setStatus("WITHDRAWN").build()));
            }
        }
        List<Lead> kept = new ArrayList<>(leads.size());
        for (Lead l : leads) {
            Lead b = before.get(l.getLeadId());
            boolean same = b != null && (daily ? undated(l).equals(undated(b)) : l.equals(b));
            if (same) {
                kept.add(b);
            } else {
                output.collect(SubjectViews.LEADS, new StreamRecord<>(l));
                kept.add(l);
            }
        }
        s.setLeads(kept);
    }

    /** Today in {@code zone} by the processing-time clock (the harness's in tests). */
    private LocalDate today() {
        return Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime())
                .atZone(ZoneId.of(zone))
                .toLocalDate();
    }

    /**
     * The time of {@code key}'s next daily recompute: tomorrow in {@code zone}, a whole second of
     * the first hour after midnight by the key, so that a million subjects do not all wake at once.
     */
    private long nextDaily(String key) {
        long nextMidnight =
                today().plusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant().toEpochMilli();
        return nextMidnight + Math.floorMod(key.hashCode(), 3600) * 1000L;
    }
}
