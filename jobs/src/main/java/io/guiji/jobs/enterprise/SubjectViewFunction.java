package io.guiji.jobs.enterprise;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.jobs.EmitMode;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.internal.RecordFacts;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The view of one subject — an enterprise ({@code E:<id>}) or an unregistered name ({@code
 * N:<name>}), see {@link RecordFactsExtractor} — from the facts of its records: the enterprise
 * profile with its health index ({@link ProfileBuilder}) for an enterprise, and the
 * unlicensed-operation leads ({@link LeadFinder}) of either, to {@link #LEADS}.
 *
 * <p><b>State.</b> Keyed by subject: the facts of each record in it, by {@code record_id} — a newer
 * version replaces a record's facts, an older one is ignored, a removal (revoked, or the record
 * moved to another subject: {@link FactsRouteFunction}) takes them out — and, in streaming, the
 * leads last published. Cleared when the subject has no record left.
 *
 * <p><b>Output.</b> {@link EmitMode#FINAL} (bounded): once per subject at the end of input, its
 * profile when it is an enterprise with records in force, and its open leads. {@link
 * EmitMode#CHANGES} (streaming): after each change, the enterprise's profile (with {@code
 * record_count} 0 once its last record has left), each new or changed lead as {@code OPEN}, and
 * each lead that no longer holds as {@code WITHDRAWN}. A subject's changes within one {@value
 * #COALESCE_MILLIS} ms tick of the processing-time clock are published together, at the tick's end:
 * a recompute reads all the subject's facts, so a busy enterprise recomputed once per change cost
 * the streaming job more than all its linking (BENCHMARKS.md, "Streaming with the enterprise
 * view"); the topics are compacted by key, so a consumer loses nothing but intermediate states. The
 * reference date is {@code referenceDate}, or, when null, today in {@code zone} at the time of
 * output. Without a fixed reference date, a streaming subject is also recomputed once a day,
 * shortly after midnight in {@code zone} (a processing-time timer spread over the first hour by the
 * subject's key): a licence that expired, a listing or measure that ended, a penalty older than
 * three years change the profile and the leads by themselves. What the day's recompute finds
 * unchanged but for the date is not published again ({@code profile-fingerprint}, and leads
 * compared without their date).
 *
 * <p><b>Isolation.</b> Facts or a subject the view fails on are skipped, counted in {@value
 * ProcessingErrors#METRIC}; the records themselves are published already. A value of a profile or
 * lead that Avro cannot encode ({@link AvroGuard}) is left out (null or empty), counted there too,
 * so that no subject can fail the Kafka sinks.
 */
public class SubjectViewFunction
        extends KeyedProcessFunction<String, RecordFacts, EnterpriseProfile> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Lead> LEADS = new OutputTag<>("leads", AvroTypes.of(Lead.class));

    /** Streaming: the tick within which a subject's changes are published together. */
    static final long COALESCE_MILLIS = 1000;

    private final EmitMode mode;
    private final LocalDate referenceDate;
    private final String zone;
    private final HealthModel model;
    private final LeadRules rules;

    private transient MapState<String, RecordFacts> records;

    /** Streaming: the leads last published, in one value (read once a change, not iterated). */
    private transient ValueState<List<Lead>> published;

    private transient ValueState<Long> profileFingerprint;
    private transient Counter processingErrors;

    public SubjectViewFunction(
            EmitMode mode,
            LocalDate referenceDate,
            String zone,
            HealthModel model,
            LeadRules rules) {
        this.mode = mode;
        this.referenceDate = referenceDate;
        this.zone = zone;
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
        published =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "published-leads", Types.LIST(AvroTypes.of(Lead.class))));
        profileFingerprint =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "profile-fingerprint", TypeInformation.of(Long.class)));
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
            if (before == null) {
                return;
            }
            records.remove(f.getRecordId());
        } else {
            records.put(f.getRecordId(), f);
        }
        if (mode == EmitMode.FINAL) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else {
            // the end of this tick; registering a time already registered is a no-op
            long now = ctx.timerService().currentProcessingTime();
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            (Math.floorDiv(now, COALESCE_MILLIS) + 1) * COALESCE_MILLIS);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnterpriseProfile> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            publish(key, ctx, out, false); // the end of a bounded run
        } else if (!isDailyTime(key, timestamp)) {
            publish(key, ctx, out, false); // the end of a tick with changes
        } else if (!records.isEmpty()) {
            publish(key, ctx, out, true); // a new day
        }
    }

    /** Whether {@code timestamp} is the time of {@code key}'s daily recompute on its day. */
    private boolean isDailyTime(String key, long timestamp) {
        if (!recomputesDaily()) {
            return false;
        }
        LocalDate day = Instant.ofEpochMilli(timestamp).atZone(ZoneId.of(zone)).toLocalDate();
        return timestamp
                == day.atStartOfDay(ZoneId.of(zone)).toInstant().toEpochMilli() + spread(key);
    }

    /**
     * The daily recompute's offset after midnight: a whole second of the first hour by the key, and
     * half a tick, so that it is never the end of a tick ({@link #COALESCE_MILLIS}) and a timer is
     * always one or the other.
     */
    private static long spread(String key) {
        return Math.floorMod(key.hashCode(), 3600) * 1000L + COALESCE_MILLIS / 2;
    }

    /**
     * Today in {@code zone} by the processing-time clock: the wall clock in a job, the harness's in
     * tests.
     */
    private LocalDate today(Context ctx) {
        return Instant.ofEpochMilli(ctx.timerService().currentProcessingTime())
                .atZone(ZoneId.of(zone))
                .toLocalDate();
    }

    /**
     * Streaming without a fixed reference date: a timer for the next day's recompute, between
     * midnight and one in the morning in {@code zone} by the subject's key, so that a million
     * subjects do not all wake at once. Registering the same time again is a no-op.
     */
    private void scheduleNextDay(String key, Context ctx) {
        long nextMidnight =
                today(ctx).plusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant().toEpochMilli();
        ctx.timerService().registerProcessingTimeTimer(nextMidnight + spread(key));
    }

    /**
     * Computes the subject's view and publishes it: once at the end of a bounded run, on every
     * change in streaming. {@code daily}: the day's recompute, which publishes only what changed
     * but for the date.
     */
    private void publish(String key, Context ctx, Collector<EnterpriseProfile> out, boolean daily)
            throws Exception {
        List<RecordFacts> facts = new ArrayList<>();
        for (RecordFacts f : records.values()) {
            facts.add(f);
        }
        LocalDate ref = referenceDate != null ? referenceDate : today(ctx);
        EnterpriseProfile profile = null;
        List<Lead> leads;
        try {
            if (key.startsWith(RecordFactsExtractor.ENTERPRISE)
                    && (!facts.isEmpty() || mode == EmitMode.CHANGES)) {
                profile =
                        ProfileBuilder.build(
                                key.substring(RecordFactsExtractor.ENTERPRISE.length()),
                                facts,
                                ref,
                                model);
            }
            leads = LeadFinder.find(key, facts, ref, rules);
            // What Avro could not encode (a fine plus confiscation beyond decimal(24, 6)) would
            // fail the Kafka sink, and the job with it: such a value is left out, and counted.
            List<String> replaced = new ArrayList<>();
            if (profile != null) {
                profile = AvroGuard.repaired(profile, replaced);
            }
            leads = leads.stream().map(l -> AvroGuard.repaired(l, replaced)).toList();
            if (!replaced.isEmpty()) {
                processingErrors.inc();
            }
        } catch (RuntimeException e) {
            ProcessingErrors.rethrowIfInfrastructure(e);
            processingErrors.inc();
            return;
        }
        if (profile != null) {
            if (!recomputesDaily()) {
                out.collect(profile);
            } else {
                // Only a job that recomputes daily needs the fingerprint: the encoding and hash
                // are not paid per change otherwise.
                Long fingerprint = fingerprint(profile);
                if (!daily || !fingerprint.equals(profileFingerprint.value())) {
                    out.collect(profile);
                }
                profileFingerprint.update(fingerprint);
            }
        }
        if (mode == EmitMode.FINAL) {
            leads.forEach(l -> ctx.output(LEADS, l));
        } else {
            publishChanges(leads, ctx, daily);
        }
        if (facts.isEmpty()) {
            records.clear();
            profileFingerprint.clear();
        } else if (recomputesDaily()) {
            scheduleNextDay(key, ctx);
        }
    }

    /** Streaming without a fixed reference date: each subject is recomputed once a day. */
    private boolean recomputesDaily() {
        return mode == EmitMode.CHANGES && referenceDate == null;
    }

    /**
     * 64 bits of SHA-256 over the profile's Avro encoding with its reference date left out: equal
     * when only the day changed.
     */
    static long fingerprint(EnterpriseProfile profile) {
        EnterpriseProfile undated =
                EnterpriseProfile.newBuilder(profile).setReferenceDate("").build();
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(PROFILES.get().encode(undated));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ThreadLocal<AvroBinary<EnterpriseProfile>> PROFILES =
            ThreadLocal.withInitial(() -> new AvroBinary<>(EnterpriseProfile.class));

    /** Whether two states of a lead differ in more than their reference date. */
    private static boolean sameButForTheDate(Lead a, Lead b) {
        return b != null
                && Lead.newBuilder(a)
                        .setReferenceDate("")
                        .build()
                        .equals(Lead.newBuilder(b).setReferenceDate("").build());
    }

    /**
     * Streaming: new and changed leads, and withdrawals of those that no longer hold; on the day's
     * recompute, a lead that changed only its date is not published again.
     */
    private void publishChanges(List<Lead> leads, Context ctx, boolean daily) throws Exception {
        Map<String, Lead> before = new LinkedHashMap<>();
        List<Lead> last = published.value();
        if (last != null) {
            last.forEach(l -> before.put(l.getLeadId(), l));
        }
        Map<String, Lead> now = new HashMap<>();
        leads.forEach(l -> now.put(l.getLeadId(), l));
        boolean changed = false;
        for (Lead gone : before.values()) {
            if (!now.containsKey(gone.getLeadId())) {
                ctx.output(LEADS, Lead.newBuilder(gone).setStatus("WITHDRAWN").build());
                changed = true;
            }
        }
        List<Lead> kept = new ArrayList<>(leads.size());
        for (Lead l : leads) {
            Lead b = before.get(l.getLeadId());
            if (daily ? !sameButForTheDate(l, b) : !l.equals(b)) {
                ctx.output(LEADS, l);
                kept.add(l);
                changed = true;
            } else {
                kept.add(b); // as published: a lead changed only in its date keeps its last state
            }
        }
        if (kept.isEmpty()) {
            if (last != null) {
                published.clear();
            }
        } else if (changed) {
            published.update(kept);
        }
    }
}
