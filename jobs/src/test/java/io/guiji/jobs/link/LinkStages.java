package io.guiji.jobs.link;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.dedup.CopyMerger;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The linking stage ({@link DedupLinkOperator}) in an operator test harness, fed one element at a
 * time, so a test controls the order in which registry entries and records arrive. A record given
 * as a unified record enters as its one copy.
 */
final class LinkStages implements AutoCloseable {
    final KeyedTwoInputStreamOperatorTestHarness<
                    String,
                    SupervisionRecord,
                    io.guiji.schemas.internal.IndexedEntry,
                    UnifiedRecord>
            harness;
    private long row;

    LinkStages(EmitMode mode) throws Exception {
        this(metered(mode, null, CopyMerger::add, LocalLinker::link));
    }

    LinkStages(DedupLinkOperator operator) throws Exception {
        this(operator, null);
    }

    /** The operator in a harness, restored from {@code snapshot} when one is given. */
    LinkStages(DedupLinkOperator operator, OperatorSubtaskState snapshot) throws Exception {
        this(operator, snapshot, 1, 0);
    }

    /** The operator as subtask {@code subtask} of {@code parallelism}. */
    LinkStages(DedupLinkOperator operator, int parallelism, int subtask) throws Exception {
        this(operator, null, parallelism, subtask);
    }

    private LinkStages(
            DedupLinkOperator operator, OperatorSubtaskState snapshot, int parallelism, int subtask)
            throws Exception {
        // Broadcast entries are keyed for the harness alone: by a key this subtask holds.
        String entryKey = keyHeldBy(parallelism, subtask);
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        operator,
                        SupervisionRecord::getRecordId,
                        e -> entryKey,
                        Types.STRING,
                        128,
                        parallelism,
                        subtask);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
    }

    /** "" when it is subtask 0's (as before), else the first "k0", "k1", … that is. */
    private static String keyHeldBy(int parallelism, int subtask) {
        for (int i = -1; ; i++) {
            String key = i < 0 ? "" : "k" + i;
            int group =
                    org.apache.flink.runtime.state.KeyGroupRangeAssignment.assignToKeyGroup(
                            key, 128);
            if (org.apache.flink.runtime.state.KeyGroupRangeAssignment
                    .computeKeyGroupRangeForOperatorIndex(128, parallelism, subtask)
                    .contains(group)) {
                return key;
            }
        }
    }

    /**
     * The production operator (16 matches per key, the default fuzzy policy) with its metrics kept,
     * and the given seams.
     */
    static Metered metered(
            EmitMode mode,
            RegistryReplay replay,
            DedupLinkOperator.Merge merge,
            DedupLinkOperator.Link link) {
        return new Metered(mode, 16, replay, merge, link);
    }

    /**
     * The production operator answering at most {@code maxMatches} entries per key, with its
     * metrics kept.
     */
    static Metered metered(EmitMode mode, int maxMatches) {
        return new Metered(mode, maxMatches, null, CopyMerger::add, LocalLinker::link);
    }

    /** The operator's counter {@code name}; the operator must be {@link Metered}. */
    long count(String name) {
        return ((Metered) harness.getOperator()).count(name);
    }

    /** {@link DedupLinkOperator} whose metrics a test can read by name. */
    static final class Metered extends DedupLinkOperator {
        private static final long serialVersionUID = 1L;
        private transient InterceptingOperatorMetricGroup metrics;

        Metered(EmitMode mode, int maxMatches, RegistryReplay replay, Merge merge, Link link) {
            super(
                    mode,
                    "Asia/Shanghai",
                    FuzzyPolicy.DEFAULT,
                    maxMatches,
                    CompactRegistryIndex::new, // the index the pipeline uses
                    replay,
                    merge,
                    link);
        }

        @Override
        public OperatorMetricGroup getMetricGroup() {
            if (metrics == null) {
                metrics = new InterceptingOperatorMetricGroup();
            }
            return metrics;
        }

        long count(String name) {
            Counter c = (Counter) ((InterceptingOperatorMetricGroup) getMetricGroup()).get(name);
            if (c == null) {
                throw new AssertionError("the operator registered no counter " + name);
            }
            return c.getCount();
        }
    }

    LinkStages registry(RegistryEntry entry) throws Exception {
        entry =
                RegistryEntry.newBuilder(entry)
                        .build(); // the index keeps it: never a test's fixture
        if (entry.getSource() == null) {
            entry.setSource(new SourceRef("registry.csv", ++row));
        }
        harness.processElement2(
                new StreamRecord<>(
                        new EntryPlacesFunction().map(entry))); // as the pipeline sends it
        return this;
    }

    LinkStages record(UnifiedRecord record) throws Exception {
        return copy(copyOf(record));
    }

    /**
     * Sends a deep copy of {@code copy}, so that the operator's state never shares objects with a
     * test's fixtures.
     */
    LinkStages copy(SupervisionRecord copy) throws Exception {
        harness.processElement1(new StreamRecord<>(SupervisionRecord.newBuilder(copy).build()));
        return this;
    }

    LinkStages copies(SupervisionRecord... copies) throws Exception {
        for (SupervisionRecord c : copies) {
            copy(c);
        }
        return this;
    }

    /** {@code record} as the one copy it was united from. */
    static SupervisionRecord copyOf(UnifiedRecord record) {
        SourceRef source =
                record.getSources() == null || record.getSources().isEmpty()
                        ? new SourceRef("records.csv", 1L)
                        : record.getSources().get(0);
        return new SupervisionRecord(
                record.getRecordId(),
                record.getRecordType(),
                record.getDeptCode(),
                record.getFields(),
                new ArrayList<>(record.getQualityFlags()),
                source,
                record.getReceivedOn(),
                record.getReceivedBasis());
    }

    /** The end of bounded input. */
    LinkStages end() throws Exception {
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        return this;
    }

    /** Every publication, in order. */
    List<UnifiedRecord> published() {
        return harness.extractOutputValues();
    }

    /** The latest publication of each record. */
    Map<String, UnifiedRecord> latest() {
        Map<String, UnifiedRecord> out = new LinkedHashMap<>();
        for (UnifiedRecord r : published()) {
            out.put(r.getRecordId(), r);
        }
        return out;
    }

    List<LinkChange> linkChanges() {
        return side(DedupLinkOperator.LINK_CHANGES);
    }

    <T> List<T> side(org.apache.flink.util.OutputTag<T> tag) {
        List<T> out = new ArrayList<>();
        var side = harness.getSideOutput(tag);
        if (side != null) {
            for (StreamRecord<T> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
