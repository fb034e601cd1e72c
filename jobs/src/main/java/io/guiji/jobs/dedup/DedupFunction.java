package io.guiji.jobs.dedup;

import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.jobs.EmitMode;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.QualityFlags;
import io.guiji.schemas.internal.CodeChoice;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DedupState;
import io.guiji.schemas.internal.DeptDelta;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroTypeException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Unites all accepted copies of one decision (docs/contract.md §5). Key: {@code record_id}. State:
 * one {@link DedupState} per record, kept for the life of the record (a later copy or revocation
 * may come years later). Output: the unified, not yet linked record — in {@link EmitMode#FINAL}
 * once at the end of input, in {@link EmitMode#CHANGES} whenever the unified record changes, with a
 * version one higher than the last one emitted.
 *
 * <p><b>Isolation.</b> A copy whose merge throws — or, in {@link EmitMode#CHANGES}, whose merged
 * record could not be encoded ({@link AvroGuard}) — is rejected alone: it goes to {@link
 * #REJECTED} as PROCESSING_ERROR ({@code stage dedup}, its source reference, the normalized copy as
 * raw text), the keyed state is left as it was before that copy (the merge's in-place changes are
 * undone, so the heap backend's live object is restored too), and {@link #DEPT_DELTAS} corrects the
 * department's counters (accepted −1, rejected +1), since the parser had counted the copy
 * accepted. The copy then appears once, as a rejection, and never among the record's sources.
 * In {@link EmitMode#FINAL} the merged record is built once, at the end: if that fails, every copy
 * of the record is rejected so (none has been published); if only its encoding would, the values
 * that cannot be encoded are dropped ({@link AvroGuard#repaired}) and the record flagged
 * {@value QualityFlags#UNENCODABLE_VALUE}. Each case is counted in {@value ProcessingErrors#METRIC}.
 */
public class DedupFunction extends KeyedProcessFunction<String, SupervisionRecord, UnifiedRecord> {
    private static final long serialVersionUID = 1L;
    static final String STAGE = "dedup";

    public static final OutputTag<RejectedRecord> REJECTED = new OutputTag<>("dedup-rejected", TypeInformation.of(RejectedRecord.class));
    public static final OutputTag<DeptDelta> DEPT_DELTAS = new OutputTag<>("dedup-dept-deltas", TypeInformation.of(DeptDelta.class));

    /** How a copy joins the state; a seam for tests (production: {@link CopyMerger#add}). */
    interface Merge extends Serializable {
        DedupState add(DedupState state, SupervisionRecord copy);
    }

    private final EmitMode mode;
    private final Merge merge;
    private transient ValueState<DedupState> state;
    private transient Counter duplicates;
    private transient Counter processingErrors;
    private transient Counter rejectedProcessing;

    public DedupFunction(EmitMode mode) {
        this(mode, CopyMerger::add);
    }

    DedupFunction(EmitMode mode, Merge merge) {
        this.mode = mode;
        this.merge = merge;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("dedup", DedupState.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateCopies");
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
        rejectedProcessing = ProcessingErrors.rejectionCounters(getRuntimeContext().getMetricGroup()).get(RejectReason.PROCESSING_ERROR);
    }

    @Override
    public void processElement(SupervisionRecord copy, Context ctx, Collector<UnifiedRecord> out) throws Exception {
        DedupState current = state.value();
        Undo undo = current == null ? null : new Undo(current);
        UnifiedRecord before = null;
        UnifiedRecord after = null;
        DedupState next;
        try {
            before = current == null || mode == EmitMode.FINAL ? null : CopyMerger.unified(current);
            next = merge.add(current, copy);
            if (mode == EmitMode.CHANGES) {
                after = CopyMerger.unified(next);
                String problem = AvroGuard.problem(after);
                if (problem != null) {
                    throw new AvroTypeException(problem);
                }
            }
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            if (undo != null) {
                undo.restore(current);
            }
            rejectCopies(copy, List.of(copy.getSource() == null ? new SourceRef("", 0L) : copy.getSource()), e, ctx);
            return;
        }
        if (current != null) {
            duplicates.inc();
        }
        if (mode == EmitMode.FINAL) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            state.update(next);
            return;
        }
        if (before == null || !sameContent(before, after)) {
            next.setEmittedVersion(next.getEmittedVersion() + 1);
            after.setVersion(next.getEmittedVersion());
            out.collect(after);
        }
        state.update(next);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<UnifiedRecord> out) throws Exception {
        DedupState current = state.value();
        if (current == null) {
            return;
        }
        UnifiedRecord unified;
        try {
            unified = CopyMerger.unified(current);
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            rejectCopies(current.getWinner(), current.getSources(), e, ctx);
            return;
        }
        out.collect(encodable(unified));
    }

    /** {@code r}, or a copy without the values Avro could not encode, flagged; counted. */
    private UnifiedRecord encodable(UnifiedRecord r) {
        List<String> dropped = new ArrayList<>(0);
        UnifiedRecord safe = AvroGuard.repaired(r, dropped);
        if (safe == r) {
            return r;
        }
        processingErrors.inc();
        return unencodableFlagged(safe, dropped);
    }

    /** The record with the quality flag and evidence of the values dropped because Avro could not encode them. */
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
     * Rejects the copies at {@code sources} of a record (described by {@code copy}) as
     * PROCESSING_ERROR, with the department's counters corrected from accepted to rejected.
     */
    private void rejectCopies(SupervisionRecord copy, List<SourceRef> sources, RuntimeException e, Context ctx) {
        String message = ProcessingErrors.message(STAGE, e);
        String raw = describe(copy);
        String dept = copy == null || copy.getDeptCode() == null ? "" : copy.getDeptCode();
        for (SourceRef s : sources) {
            processingErrors.inc();
            rejectedProcessing.inc();
            ctx.output(REJECTED, ProcessingErrors.rejected(s == null ? "" : s.getFile(), s == null ? 0L : s.getRow(), message,
                    copy != null && s != null && s.equals(copy.getSource()) ? raw : "", dept,
                    copy == null || copy.getRecordType() == null ? null : copy.getRecordType().name()));
        }
        DeptDelta d = new DeptDelta();
        d.setDeptCode(dept);
        d.setRecordType(copy == null ? null : copy.getRecordType());
        d.setAccepted(-(long) sources.size());
        d.setRejected(sources.size());
        d.setRejectReason(RejectReason.PROCESSING_ERROR);
        d.setProcessingErrors(sources.size());
        ctx.output(DEPT_DELTAS, d);
    }

    /** The normalized copy as text, for the rejected record's raw text (the input text is not kept past parsing). */
    private static String describe(SupervisionRecord copy) {
        try {
            return copy == null ? "" : copy.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static boolean sameContent(UnifiedRecord a, UnifiedRecord b) {
        return a.getFields().equals(b.getFields()) && a.getQualityFlags().equals(b.getQualityFlags())
                && a.getSources().equals(b.getSources());
    }

    /**
     * What {@link CopyMerger#add} may change in a state, remembered before the merge: it sets the
     * winner and code choices and appends to the lists, so restoring these undoes a failed merge
     * without copying the state.
     */
    private static final class Undo {
        final SupervisionRecord winner;
        final String winnerRank;
        final CodeChoice uscc;
        final CodeChoice regNo;
        final CodeChoice orgCode;
        final long emittedVersion;
        final int conflicts;
        final int sources;
        final int hashes;

        Undo(DedupState s) {
            winner = s.getWinner();
            winnerRank = s.getWinnerRank();
            uscc = s.getUscc();
            regNo = s.getRegNo();
            orgCode = s.getOrgCode();
            emittedVersion = s.getEmittedVersion();
            conflicts = s.getConflicts().size();
            sources = s.getSources().size();
            hashes = s.getContentHashes().size();
        }

        void restore(DedupState s) {
            s.setWinner(winner);
            s.setWinnerRank(winnerRank);
            s.setUscc(uscc);
            s.setRegNo(regNo);
            s.setOrgCode(orgCode);
            s.setEmittedVersion(emittedVersion);
            truncate(s.getConflicts(), conflicts);
            truncate(s.getSources(), sources);
            truncate(s.getContentHashes(), hashes);
        }

        private static void truncate(List<?> list, int size) {
            while (list.size() > size) {
                list.remove(list.size() - 1);
            }
        }
    }
}
