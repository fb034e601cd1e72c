package io.guiji.jobs.link;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.jobs.EmitMode;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.dedup.CopyMerger;
import io.guiji.jobs.dedup.MergeUndo;
import io.guiji.jobs.ingest.ReferenceRejects;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DedupState;
import io.guiji.schemas.internal.DeptDelta;
import io.guiji.schemas.internal.IndexedEntry;
import io.guiji.schemas.internal.LinkState;
import io.guiji.schemas.internal.PublishedSummary;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.AvroTypeException;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Unites the copies of each decision (docs/contract.md §5) and links the unified record to its
 * enterprise (§6), in one step. Input 1: accepted copies, keyed by {@code record_id}. Input 2: the
 * registry with each entry's places under the lookup keys ({@link EntryPlacesFunction}), broadcast
 * — every subtask holds the whole registry in memory ({@link RegistryIndex}), so a record is linked
 * by local lookups, with one keyed exchange per record and one state access.
 *
 * <p><b>State.</b> Keyed, per record: one {@link LinkState} — the copies united so far ({@link
 * CopyMerger}) and what is kept of the state last published ({@link PublishedSummaries}: its
 * fingerprint, link and counted fields, not the record) — and, in its own state ({@code
 * link-watched}), the hashes of the lookup keys its link was decided on; kept for the life of the
 * record (a later copy, a revocation or a registry change may come years later). Not checkpointed:
 * the registry index, and the reverse index from lookup keys to the records whose decision read
 * them ({@link RecordWatchIndex}). After a restore the index is rebuilt by reading the registry
 * again ({@link RegistryReplay}) up to the positions the checkpoint recorded (operator state, a few
 * bytes per registry partition), and the reverse index from the key hashes alone (a dozen bytes a
 * record, where a {@code LinkState} is several hundred); both before the first element.
 *
 * <p><b>Output.</b> In {@link EmitMode#FINAL} (bounded runs) each record once, at the end of input,
 * with the version counting its distinct contents: the registry, read first in BATCH mode, is then
 * complete, and in STREAMING mode the end-of-input timer fires only after both inputs ended; among
 * entries of one enterprise the greatest source reference wins. In {@link EmitMode#CHANGES}
 * (streaming) a record is published when a copy changes it and again whenever a registry entry
 * changes the answer under a key its decision read — a new, renamed, corrected or withdrawn entry —
 * each time with version + 1. Only those records are looked at again: a key so busy before and
 * after the change that it answered nothing both times ({@link RegistryIndex#answerMayHaveChanged})
 * sends none of its readers back. A changed link of a published record also goes to {@link
 * #LINK_CHANGES}. Each publication sends its difference in the department's counters to {@link
 * #DEPT_DELTAS}, and what a later stage's {@link PublishedTap} derives from it and the state
 * published before to that tap's output ({@link #withTap}: the enterprise view's facts).
 *
 * <p><b>Isolation</b> (docs/contract.md §7). A copy whose merge throws, or (in CHANGES) whose
 * merged record could not be encoded, is rejected alone to {@link #REJECTED} as PROCESSING_ERROR
 * (stage {@code dedup}); the state is put back as it was and the department's counters corrected
 * (accepted −1, rejected +1). A record that makes linking throw is published unlinked ({@code
 * NONE}, flag {@value QualityFlags#LINK_ERROR}, the error as evidence) — it already stands for its
 * sources; a record Avro could not encode is published without the offending values, flagged
 * {@value QualityFlags#UNENCODABLE_VALUE}. A registry entry whose places cannot be computed goes to
 * {@link #REFERENCE_REJECTED} as PROCESSING_ERROR (stage {@code index}) and the entry before it
 * stays in force. All counted in {@value ProcessingErrors#METRIC}.
 */
public class DedupLinkOperator extends AbstractStreamOperator<UnifiedRecord>
        implements TwoInputStreamOperator<SupervisionRecord, IndexedEntry, UnifiedRecord>,
                Triggerable<String, VoidNamespace> {
    /** Under guiji's own name, so an operator filtering on {@code io.guiji} sees the rebuild. */
    private static final org.slf4j.Logger REBUILD_LOG =
            org.slf4j.LoggerFactory.getLogger(DedupLinkOperator.class);

    private static final long serialVersionUID = 1L;
    static final String DEDUP_STAGE = "dedup";

    /**
     * The reverse index's layout in the keyed state, kept in operator state: from 2, each record's
     * key hashes in a state of their own ({@code link-watched}), which a restore reads alone. A
     * checkpoint without it kept the keys inside {@link LinkState}. Raised whenever the keys made
     * from a name change (3: the exact name key folds every traditional character ICU knows, 乾洗 →
     * 干洗, 鮁魚圈 → 鲅鱼圈, and drops notes around a name, （原…）; a place inside a name is read without its
     * brackets, a town after a county as well; a record also asks 中国 + its name), so that a restore
     * from a checkpoint of an earlier build computes every record's keys again once.
     */
    static final int REVERSE_INDEX_LAYOUT = 3;

    public static final OutputTag<RejectedRecord> REJECTED =
            new OutputTag<>("dedup-rejected", AvroTypes.of(RejectedRecord.class));
    public static final OutputTag<DeptDelta> DEPT_DELTAS =
            new OutputTag<>("unified-dept-deltas", AvroTypes.of(DeptDelta.class));
    public static final OutputTag<LinkChange> LINK_CHANGES =
            new OutputTag<>("link-changes", AvroTypes.of(LinkChange.class));
    public static final OutputTag<RejectedRecord> REFERENCE_REJECTED = ReferenceRejects.TAG;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** How a copy joins the state; a seam for tests (production: {@link CopyMerger#add}). */
    interface Merge extends Serializable {
        DedupState add(DedupState state, SupervisionRecord copy);
    }

    /** How a record is linked; a seam for tests (production: {@link LocalLinker#link}). */
    interface Link extends Serializable {
        LocalLinker.Linked link(LocalLinker linker, UnifiedRecord record);
    }

    /** Makes a subtask's registry index; a seam for the implementation. */
    public interface IndexFactory extends Serializable {
        RegistryIndex create();
    }

    private final EmitMode mode;
    private final String zone;
    private final FuzzyPolicy fuzzy;
    private final int maxMatches;
    private final IndexFactory indexFactory;
    private final RegistryReplay replay;
    private final Merge merge;
    private final Link link;
    private final ManualDecisions manual;
    private OutputTag<Object> tapOutput;
    private PublishedTap<Object> tap;

    private transient ValueStateDescriptor<LinkState> stateDescriptor;
    private transient ValueState<LinkState> state;
    private transient ValueStateDescriptor<long[]> watchedDescriptor;
    private transient ValueState<long[]> watchedState;
    private transient ListState<Integer> layoutState;
    private transient boolean keysKept;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient ListState<SourceRef> registryApplied;
    private transient ListState<ReviewDecision> reviewState;
    private transient ManualDecisions decisions;
    private transient Map<String, Long> appliedUpTo;
    private transient boolean restored;
    private transient RegistryIndex index;
    private transient LocalLinker linker;
    private transient RecordWatchIndex watchers;
    private transient PublishedSummaries summaries;
    private transient Counter duplicates;
    private transient Counter processingErrors;
    private transient Counter rejectedProcessing;
    private transient Counter relinked;

    public DedupLinkOperator(
            EmitMode mode,
            String zone,
            FuzzyPolicy fuzzy,
            int maxMatches,
            IndexFactory indexFactory,
            RegistryReplay replay) {
        this(mode, zone, fuzzy, maxMatches, indexFactory, replay, ManualDecisions.NONE);
    }

    /** The operator with the reviewers' decisions of a bounded run (the MANUAL tier). */
    public DedupLinkOperator(
            EmitMode mode,
            String zone,
            FuzzyPolicy fuzzy,
            int maxMatches,
            IndexFactory indexFactory,
            RegistryReplay replay,
            ManualDecisions manual) {
        this(
                mode,
                zone,
                fuzzy,
                maxMatches,
                indexFactory,
                replay,
                CopyMerger::add,
                LocalLinker::link,
                manual);
    }

    DedupLinkOperator(
            EmitMode mode,
            String zone,
            FuzzyPolicy fuzzy,
            int maxMatches,
            IndexFactory indexFactory,
            RegistryReplay replay,
            Merge merge,
            Link link) {
        this(
                mode,
                zone,
                fuzzy,
                maxMatches,
                indexFactory,
                replay,
                merge,
                link,
                ManualDecisions.NONE);
    }

    DedupLinkOperator(
            EmitMode mode,
            String zone,
            FuzzyPolicy fuzzy,
            int maxMatches,
            IndexFactory indexFactory,
            RegistryReplay replay,
            Merge merge,
            Link link,
            ManualDecisions manual) {
        this.manual = manual;
        this.mode = mode;
        this.zone = zone;
        this.fuzzy = fuzzy;
        this.maxMatches = maxMatches;
        this.indexFactory = indexFactory;
        this.replay = replay;
        this.merge = merge;
        this.link = link;
    }

    /**
     * This operator with {@code tap} run on each state of a record it publishes, its output to the
     * side output {@code output}.
     */
    @SuppressWarnings("unchecked")
    public <T> DedupLinkOperator withTap(OutputTag<T> output, PublishedTap<T> tap) {
        this.tapOutput = (OutputTag<Object>) (OutputTag<?>) output;
        this.tap = (PublishedTap<Object>) (PublishedTap<?>) tap;
        return this;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        registryApplied =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "registry-applied", AvroTypes.of(SourceRef.class)));
        reviewState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "review-decisions", AvroTypes.of(ReviewDecision.class)));
        layoutState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>("reverse-index-layout", Types.INT));
        appliedUpTo = new HashMap<>();
        decisions = manual;
        restored = context.isRestored();
        keysKept = false;
        for (Integer layout : layoutState.get()) {
            keysKept |= layout == REVERSE_INDEX_LAYOUT;
        }
        layoutState.update(List.of(REVERSE_INDEX_LAYOUT));
        if (restored) {
            for (SourceRef s : registryApplied.get()) {
                appliedUpTo.merge(s.getFile(), s.getRow(), Math::max);
            }
            for (ReviewDecision d : reviewState.get()) {
                decisions = decisions.plus(d); // the log as subtask 0 kept it, in its order
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        stateDescriptor = new ValueStateDescriptor<>("link-state", AvroTypes.of(LinkState.class));
        summaries = new PublishedSummaries();
        state = getKeyedStateStore().getState(stateDescriptor);
        watchedDescriptor =
                new ValueStateDescriptor<>(
                        "link-watched", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
        watchedState = getKeyedStateStore().getState(watchedDescriptor);
        timers = getInternalTimerService("final", VoidNamespaceSerializer.INSTANCE, this);
        duplicates = getMetricGroup().counter("duplicateCopies");
        processingErrors = ProcessingErrors.counter(getMetricGroup());
        rejectedProcessing =
                ProcessingErrors.rejectionCounters(getMetricGroup())
                        .get(RejectReason.PROCESSING_ERROR);
        relinked = getMetricGroup().counter("relinkedRecords");
        index = indexFactory.create();
        linker = new LocalLinker(index, fuzzy, maxMatches, decisions);
        watchers = new RecordWatchIndex();
        getMetricGroup().gauge("registryEntries", () -> index.size());
        if (restored && mode == EmitMode.CHANGES) {
            rebuild();
        }
    }

    /**
     * The registry index read again up to where the checkpoint had applied it, and the reverse
     * index from the keyed state.
     */
    private void rebuild() throws Exception {
        if (!appliedUpTo.isEmpty()) {
            if (replay == null) {
                throw new IllegalStateException(
                        "restored a linking state whose registry came from "
                                + appliedUpTo.keySet()
                                + ", but this job has no way to read the registry again; start it anew (--fresh)");
            }
            long start = System.nanoTime();
            replay.replay(Map.copyOf(appliedUpTo), this::putQuietly);
            REBUILD_LOG.info(
                    "registry index rebuilt: {} entries in {} ms",
                    index.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        long start = System.nanoTime();
        int[] records = {0};
        if (keysKept) {
            getKeyedStateBackend()
                    .applyToAllKeys(
                            VoidNamespace.INSTANCE,
                            VoidNamespaceSerializer.INSTANCE,
                            watchedDescriptor,
                            (key, s) -> {
                                long[] keys = s.value();
                                if (keys != null) {
                                    watchers.move((String) key, NO_KEYS, keys);
                                    records[0]++;
                                }
                            });
        } else {
            // A checkpoint of a build that kept the keys inside LinkState: each record's keys
            // computed again, against the index just rebuilt, and kept as this build keeps them.
            getKeyedStateBackend()
                    .applyToAllKeys(
                            VoidNamespace.INSTANCE,
                            VoidNamespaceSerializer.INSTANCE,
                            stateDescriptor,
                            (key, s) -> {
                                LinkState v = s.value();
                                long[] keys = v == null ? NO_KEYS : keysOf(v);
                                if (keys.length > 0) {
                                    watchedState.update(keys);
                                    watchers.move((String) key, NO_KEYS, keys);
                                    records[0]++;
                                }
                            });
        }
        REBUILD_LOG.info(
                "reverse index rebuilt: {} records, {} keys watched, in {} ms{}",
                records[0],
                watchers.pairs(),
                (System.nanoTime() - start) / 1_000_000,
                keysKept ? "" : " (keys computed again: a checkpoint of an earlier build)");
    }

    // ---- records ----

    @Override
    public void processElement1(StreamRecord<SupervisionRecord> element) throws Exception {
        SupervisionRecord copy = element.getValue();
        LinkState current = state.value();
        DedupState dedup = current == null ? null : current.getDedup();
        MergeUndo undo = dedup == null ? null : new MergeUndo(dedup);
        DedupState next;
        UnifiedRecord unified = null;
        try {
            next = merge.add(dedup, copy);
            if (mode == EmitMode.CHANGES) {
                unified = buildable(CopyMerger.unified(next));
            }
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            if (undo != null) {
                undo.restore(dedup);
            }
            rejectCopies(
                    copy,
                    List.of(copy.getSource() == null ? new SourceRef("", 0L) : copy.getSource()),
                    e);
            return;
        }
        if (dedup != null) {
            duplicates.inc();
        }
        LinkState s = current == null ? new LinkState(next, null, null) : current;
        s.setDedup(next);
        if (mode == EmitMode.FINAL) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
        } else {
            publishIfChanged((String) getCurrentKey(), s, unified);
        }
        state.update(s);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        LinkState s = state.value();
        if (s == null) {
            return;
        }
        state.clear(); // a bounded run publishes each record once: its state is not needed after
        UnifiedRecord unified;
        try {
            unified = buildable(CopyMerger.unified(s.getDedup()));
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            rejectCopies(s.getDedup().getWinner(), s.getDedup().getSources(), e);
            return;
        }
        Outcome o = link(unified);
        if (o.failed) {
            processingErrors.inc();
        }
        output.collect(new StreamRecord<>(o.record));
        emitDeltas(null, PublishedSummaries.of(o.record, 0));
        tap(null, o.record);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    // ---- registry ----

    @Override
    public void processElement2(StreamRecord<IndexedEntry> element) throws Exception {
        IndexedEntry indexed = element.getValue();
        if (indexed.getDecision() != null) {
            decide(indexed.getDecision());
            return;
        }
        RegistryEntry entry = indexed.getEntry();
        if (mode == EmitMode.FINAL) {
            RegistryEntry before = index.get(entry.getEnterpriseId());
            if (before == null || compareSources(entry.getSource(), before.getSource()) > 0) {
                put(indexed);
            }
            return;
        }
        SourceRef s = entry.getSource();
        if (s != null && s.getFile() != null) {
            appliedUpTo.merge(s.getFile(), s.getRow(), Math::max);
        }
        Set<String> changed = put(indexed);
        if (changed == null || changed.isEmpty() || watchers.isEmpty()) {
            return;
        }
        changed = index.answerMayHaveChanged(changed, maxMatches);
        Set<String> affected = new TreeSet<>(); // in a fixed order, so that a run is repeatable
        watchers.collect(changed, affected);
        relink(affected);
    }

    /**
     * A reviewer's decision (the MANUAL tier): into the decisions in force, and — streaming — the
     * records it concerns linked again and re-published where their link changes: a record's own
     * decision in the subtask that holds the record, a name's in every subtask, for the records
     * whose decision read that name's key. A decision seen before (by its id) changes nothing.
     */
    private void decide(ReviewDecision d) throws Exception {
        if (decisions.contains(d.getDecisionId())) {
            return;
        }
        decisions = decisions.plus(d);
        linker = new LocalLinker(index, fuzzy, maxMatches, decisions);
        if (mode == EmitMode.FINAL) {
            return; // records are linked at the end, with every decision known
        }
        Set<String> affected = new TreeSet<>();
        if (d.getScope() == ReviewScope.RECORD) {
            if (holds(d.getSubject())) {
                affected.add(d.getSubject());
            }
        } else {
            watchers.collect(List.of(LinkKeys.NAME + LinkKeys.nameKey(d.getSubject())), affected);
        }
        relink(affected);
    }

    /** Whether {@code recordId}'s key group belongs to this subtask. */
    private boolean holds(String recordId) {
        TaskInfo t = getRuntimeContext().getTaskInfo();
        int group =
                KeyGroupRangeAssignment.assignToKeyGroup(
                        recordId, t.getMaxNumberOfParallelSubtasks());
        return KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                        t.getMaxNumberOfParallelSubtasks(),
                        t.getNumberOfParallelSubtasks(),
                        t.getIndexOfThisSubtask())
                .contains(group);
    }

    /** Links these records again, publishing those whose link changed. */
    private void relink(Set<String> affected) throws Exception {
        for (String recordId : affected) {
            setCurrentKey(recordId);
            LinkState ls = state.value();
            if (ls == null) {
                continue;
            }
            relinked.inc();
            UnifiedRecord unified;
            try {
                unified = CopyMerger.unified(ls.getDedup());
            } catch (RuntimeException e) {
                if (ProcessingErrors.isInfrastructure(e)) {
                    throw e;
                }
                processingErrors
                        .inc(); // it was built when the record was published: it cannot fail now
                // but to a fault, counted
                continue;
            }
            if (publishIfChanged(recordId, ls, unified)) {
                state.update(ls); // most records looked at again stay as they were: no write
            }
        }
    }

    /**
     * Puts an entry into the index; null (the entry rejected, counted) when its places cannot be
     * computed. Every subtask receives every entry and fails on it alike, so only the first subtask
     * rejects and counts it: a bad row is one rejection, whatever the parallelism.
     */
    private Set<String> put(IndexedEntry indexed) {
        RegistryEntry entry = indexed.getEntry();
        try {
            return indexed.getPlaces() == null
                    ? index.put(entry)
                    : index.put(entry, LinkKeys.places(indexed.getPlaces()));
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0) {
                return null;
            }
            processingErrors.inc();
            SourceRef s = entry.getSource();
            String raw;
            try {
                raw = String.valueOf(entry);
            } catch (RuntimeException ignored) {
                raw = "";
            }
            output.collect(
                    REFERENCE_REJECTED,
                    new StreamRecord<>(
                            ProcessingErrors.rejected(
                                    s == null ? "registry:" + entry.getEnterpriseId() : s.getFile(),
                                    s == null ? 0L : s.getRow(),
                                    "index",
                                    e,
                                    raw,
                                    null,
                                    null)));
            return null;
        }
    }

    /**
     * An entry read again after a restore: into the index, its rejection already reported the first
     * time.
     */
    private void putQuietly(RegistryEntry entry) {
        try {
            index.put(entry);
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<SourceRef> applied = new ArrayList<>(appliedUpTo.size());
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()
                == 0) { // the same in every subtask: one copy is enough
            for (Map.Entry<String, Long> e : appliedUpTo.entrySet()) {
                applied.add(new SourceRef(e.getKey(), e.getValue()));
            }
        }
        registryApplied.update(applied);
        reviewState.update(
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0
                        ? decisions.log()
                        : List.of());
    }

    // ---- publication ----

    /**
     * A decided (or, failing that, unlinked) record that can be encoded, the keys it read, and
     * whether isolation stepped in.
     */
    private record Outcome(UnifiedRecord record, List<String> keys, boolean failed) {}

    private Outcome link(UnifiedRecord record) {
        UnifiedRecord linked;
        List<String> keys;
        boolean failed = false;
        try {
            LocalLinker.Linked l = link.link(linker, record);
            linked = l.record();
            keys = l.keys();
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            linked = unlinked(record, ProcessingErrors.message("link", e));
            keys = List.of();
            failed = true;
        }
        List<String> dropped = new ArrayList<>(0);
        UnifiedRecord safe = AvroGuard.repaired(linked, dropped);
        if (safe != linked) {
            safe = unencodableFlagged(safe, dropped);
            failed = true;
        }
        return new Outcome(safe, keys, failed);
    }

    /**
     * Decides {@code unified}'s link and publishes it when it differs from what was published; then
     * {@code s} is updated and the answer is true. The keys it was decided on are kept in their own
     * state either way.
     */
    private boolean publishIfChanged(String recordId, LinkState s, UnifiedRecord unified)
            throws java.io.IOException {
        Outcome o = link(unified);
        long[] keys = RecordWatchIndex.keyHashes(o.keys);
        long[] watchedBefore = watchedState.value();
        if (watchedBefore == null) {
            watchedBefore = NO_KEYS;
        }
        if (!Arrays.equals(watchedBefore, keys)) {
            watchers.move(recordId, watchedBefore, keys);
            if (keys.length == 0) {
                watchedState.clear();
            } else {
                watchedState.update(keys);
            }
        }
        UnifiedRecord linked = o.record;
        PublishedSummary before = lastPublished(s);
        long fingerprint;
        try {
            fingerprint = summaries.fingerprint(linked);
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            // cannot be: the record was repaired to fit its schema; published as changed, counted
            processingErrors.inc();
            fingerprint = before == null ? 0 : ~before.getFingerprint();
        }
        if (before != null && before.getFingerprint() == fingerprint) {
            return false;
        }
        linked.setVersion(before == null ? 1 : before.getVersion() + 1);
        if (o.failed) {
            processingErrors.inc();
        }
        output.collect(new StreamRecord<>(linked));
        PublishedSummary after = PublishedSummaries.of(linked, fingerprint);
        emitDeltas(before, after);
        tap(before, linked);
        if (before != null
                && (!Objects.equals(before.getEnterpriseId(), linked.getEnterpriseId())
                        || before.getLinkMethod() != linked.getLinkMethod())) {
            output.collect(
                    LINK_CHANGES,
                    new StreamRecord<>(
                            new LinkChange(
                                    linked.getRecordId(),
                                    before.getEnterpriseId(),
                                    linked.getEnterpriseId(),
                                    before.getLinkMethod(),
                                    linked.getLinkMethod(),
                                    linked.getVersion(),
                                    LocalDateTime.now(ZoneId.of(zone)).format(TIME))));
        }
        s.setPublished(null);
        s.setLast(after);
        return true;
    }

    /**
     * What {@code s} keeps of the state last published, or null before the first; a state written
     * by a build that kept the record itself ({@code published}) is summarized here, and written so
     * when the record is published again.
     */
    private PublishedSummary lastPublished(LinkState s) {
        if (s.getLast() == null && s.getPublished() != null) {
            UnifiedRecord published = s.getPublished();
            s.setLast(PublishedSummaries.of(published, summaries.fingerprint(published)));
            s.setPublished(null);
        }
        return s.getLast();
    }

    private static final long[] NO_KEYS = new long[0];

    /**
     * The hashes of the keys {@code v}'s record is decided on now: for a state written by a build
     * that kept the keys themselves, read once after a restore (the index is complete then). None
     * when its record cannot be built, as when it was published.
     */
    private long[] keysOf(LinkState v) {
        UnifiedRecord unified;
        try {
            unified = CopyMerger.unified(v.getDedup());
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            return NO_KEYS;
        }
        return RecordWatchIndex.keyHashes(link(unified).keys);
    }

    /**
     * {@code unified} when it can be encoded; else an exception that rejects the copies that made
     * it (docs/contract.md §5: a record that cannot be built is a processing error of its copies).
     */
    private static UnifiedRecord buildable(UnifiedRecord unified) {
        String problem = AvroGuard.problem(unified);
        if (problem != null) {
            throw new AvroTypeException(problem);
        }
        return unified;
    }

    /**
     * The record with the quality flag and evidence of the values dropped because Avro could not
     * encode them.
     */
    public static UnifiedRecord unencodableFlagged(UnifiedRecord safe, List<String> dropped) {
        List<String> flags = new ArrayList<>(safe.getQualityFlags());
        if (!flags.contains(QualityFlags.UNENCODABLE_VALUE)) {
            flags.add(QualityFlags.UNENCODABLE_VALUE);
            flags.sort(null);
        }
        List<String> evidence = new ArrayList<>(safe.getLinkEvidence());
        evidence.add("unencodable=" + String.join(",", dropped));
        safe.setQualityFlags(flags);
        safe.setLinkEvidence(evidence);
        return safe;
    }

    /**
     * {@code record} published unlinked after linking failed on it: {@code NONE}, the flag {@value
     * QualityFlags#LINK_ERROR}, the error as link evidence. Built without copying the record's
     * values (a deep copy could fail on them again).
     */
    static UnifiedRecord unlinked(UnifiedRecord record, String error) {
        List<String> flags =
                new ArrayList<>(
                        record.getQualityFlags() == null ? List.of() : record.getQualityFlags());
        if (!flags.contains(QualityFlags.LINK_ERROR)) {
            flags.add(QualityFlags.LINK_ERROR);
        }
        flags.sort(Comparator.nullsLast(Comparator.naturalOrder()));
        List<String> evidence = new ArrayList<>(List.of("error=" + error));
        return new UnifiedRecord(
                record.getRecordId(),
                record.getVersion(),
                record.getRecordType(),
                record.getDeptCode(),
                record.getFields(),
                null,
                LinkMethod.NONE,
                0.0,
                new ArrayList<>(),
                evidence,
                flags,
                record.getSources(),
                record.getReceivedOn(),
                record.getReceivedBasis());
    }

    /**
     * Rejects the copies at {@code sources} of a record (described by {@code copy}) as
     * PROCESSING_ERROR, with the department's counters corrected from accepted to rejected.
     */
    private void rejectCopies(SupervisionRecord copy, List<SourceRef> sources, RuntimeException e) {
        String message = ProcessingErrors.message(DEDUP_STAGE, e);
        String raw = describe(copy);
        String dept = copy == null || copy.getDeptCode() == null ? "" : copy.getDeptCode();
        for (SourceRef s : sources) {
            processingErrors.inc();
            rejectedProcessing.inc();
            output.collect(
                    REJECTED,
                    new StreamRecord<>(
                            ProcessingErrors.rejected(
                                    s == null ? "" : s.getFile(),
                                    s == null ? 0L : s.getRow(),
                                    message,
                                    copy != null && s != null && s.equals(copy.getSource())
                                            ? raw
                                            : "",
                                    dept,
                                    copy == null || copy.getRecordType() == null
                                            ? null
                                            : copy.getRecordType().name())));
        }
        DeptDelta d = new DeptDelta();
        d.setDeptCode(dept);
        d.setRecordType(copy == null ? null : copy.getRecordType());
        d.setAccepted(-(long) sources.size());
        d.setRejected(sources.size());
        d.setRejectReason(RejectReason.PROCESSING_ERROR);
        d.setProcessingErrors(sources.size());
        d.setDecisionDay(
                copy == null || copy.getFields() == null
                        ? null
                        : io.guiji.jobs.normalize.Dates.epochDay(
                                copy.getFields().getDecisionDate()));
        output.collect(DEPT_DELTAS, new StreamRecord<>(d));
    }

    /**
     * The normalized copy as text, for the rejected record's raw text (the input text is not kept
     * past parsing).
     */
    private static String describe(SupervisionRecord copy) {
        try {
            return copy == null ? "" : copy.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The tap's output for a published state; nothing when it fails (counted). */
    private void tap(PublishedSummary before, UnifiedRecord after) {
        if (tap == null) {
            return;
        }
        List<Object> out = new ArrayList<>(2);
        try {
            tap.published(before, after, out::add);
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            return;
        }
        for (Object o : out) {
            output.collect(tapOutput, new StreamRecord<>(o));
        }
    }

    private void emitDeltas(PublishedSummary before, PublishedSummary after) {
        for (DeptDelta d : deltas(before, after)) {
            output.collect(DEPT_DELTAS, new StreamRecord<>(d));
        }
    }

    /**
     * The changes in the department's counters when {@code before} (maybe null) becomes {@code
     * after}, each with the decision date it counts under (the coverage period) and, for a licence
     * or penalty, the first receipt whose timeliness it adds or takes away (evaluated by the
     * coverage stage). One delta; two when the record's decision date or first receipt changed: all
     * of {@code before} taken away, all of {@code after} added.
     */
    static List<DeptDelta> deltas(PublishedSummary before, PublishedSummary after) {
        Integer day = after.getDecisionDay();
        if (before != null
                && (!Objects.equals(before.getDecisionDay(), day)
                        || !Objects.equals(before.getReceivedOn(), after.getReceivedOn()))) {
            return List.of(negate(whole(before)), whole(after));
        }
        DeptDelta d = delta(before, after);
        d.setDecisionDay(day);
        if (before == null && after.getTimed()) {
            d.setReceivedDay(io.guiji.jobs.normalize.Dates.epochDay(after.getReceivedOn()));
            d.setTimeliness(1);
        }
        return List.of(d);
    }

    /** {@link #deltas(PublishedSummary, PublishedSummary)} of two published records. */
    static List<DeptDelta> deltas(UnifiedRecord before, UnifiedRecord after) {
        return deltas(
                before == null ? null : PublishedSummaries.of(before, 0),
                PublishedSummaries.of(after, 0));
    }

    /** All a record contributes to its department's counters. */
    private static DeptDelta whole(PublishedSummary r) {
        DeptDelta d = delta(null, r);
        d.setDecisionDay(r.getDecisionDay());
        if (r.getTimed()) {
            d.setReceivedDay(io.guiji.jobs.normalize.Dates.epochDay(r.getReceivedOn()));
            d.setTimeliness(1);
        }
        return d;
    }

    private static DeptDelta negate(DeptDelta d) {
        d.setUnified(-d.getUnified());
        d.setDuplicates(-d.getDuplicates());
        d.setNonPerson(-d.getNonPerson());
        d.setLinked(-d.getLinked());
        d.setProcessingErrors(-d.getProcessingErrors());
        d.setTimeliness(-d.getTimeliness());
        return d;
    }

    /**
     * The change in the department's counters when {@code before} (maybe null) becomes {@code
     * after}, without dates.
     */
    static DeptDelta delta(PublishedSummary before, PublishedSummary after) {
        DeptDelta d = new DeptDelta();
        d.setDeptCode(after.getDeptCode());
        d.setUnified(before == null ? 1 : 0);
        d.setDuplicates(after.getCopies() - 1 - (before == null ? 0 : before.getCopies() - 1));
        d.setNonPerson(nonPerson(after) - (before == null ? 0 : nonPerson(before)));
        d.setLinked(linked(after) - (before == null ? 0 : linked(before)));
        d.setProcessingErrors(
                (after.getIsolated() ? 1 : 0) - (before != null && before.getIsolated() ? 1 : 0));
        return d;
    }

    private static long nonPerson(PublishedSummary r) {
        return r.getLinkMethod() == LinkMethod.PERSON ? 0 : 1;
    }

    private static long linked(PublishedSummary r) {
        return r.getEnterpriseId() != null && r.getLinkMethod() != LinkMethod.PERSON ? 1 : 0;
    }

    private static int compareSources(SourceRef a, SourceRef b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int c = a.getFile().compareTo(b.getFile());
        return c != 0 ? c : Long.compare(a.getRow(), b.getRow());
    }
}
