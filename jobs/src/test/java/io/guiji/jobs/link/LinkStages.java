package io.guiji.jobs.link;

import io.guiji.jobs.EmitMode;
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
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The linking stage ({@link DedupLinkOperator}) in an operator test harness, fed one element at a
 * time, so a test controls the order in which registry entries and records arrive. A record given
 * as a unified record enters as its one copy.
 */
final class LinkStages implements AutoCloseable {
    final KeyedTwoInputStreamOperatorTestHarness<String, SupervisionRecord, RegistryEntry, UnifiedRecord> harness;
    private long row;

    LinkStages(EmitMode mode) throws Exception {
        this(new DedupLinkOperator(mode, "Asia/Shanghai", FuzzyPolicy.DEFAULT, 16, MapRegistryIndex::new, null));
    }

    LinkStages(DedupLinkOperator operator) throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(operator,
                SupervisionRecord::getRecordId, e -> "", Types.STRING);
        harness.open();
    }

    LinkStages registry(RegistryEntry entry) throws Exception {
        if (entry.getSource() == null) {
            entry = RegistryEntry.newBuilder(entry).setSource(new SourceRef("registry.csv", ++row)).build();
        }
        harness.processElement2(new StreamRecord<>(entry));
        return this;
    }

    LinkStages record(UnifiedRecord record) throws Exception {
        return copy(copyOf(record));
    }

    LinkStages copy(SupervisionRecord copy) throws Exception {
        harness.processElement1(new StreamRecord<>(copy));
        return this;
    }

    /** {@code record} as the one copy it was united from. */
    static SupervisionRecord copyOf(UnifiedRecord record) {
        SourceRef source = record.getSources() == null || record.getSources().isEmpty()
                ? new SourceRef("records.csv", 1L) : record.getSources().get(0);
        return new SupervisionRecord(record.getRecordId(), record.getRecordType(), record.getDeptCode(),
                record.getFields(), new ArrayList<>(record.getQualityFlags()), source);
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
