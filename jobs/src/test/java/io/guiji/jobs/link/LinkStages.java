package io.guiji.jobs.link;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

/**
 * The linking stages of the pipeline wired together in operator test harnesses, as
 * {@code GuijiPipeline} wires them: {@link RegistryIndexer} → {@link KeyLookupFunction} ←
 * {@link LinkRequests}, and {@link KeyLookupFunction} → {@link LinkResolver} ← records. Each call
 * delivers its element and then everything it causes downstream, so a test controls the order in
 * which registry entries and records arrive.
 */
final class LinkStages implements AutoCloseable {
    final KeyedOneInputStreamOperatorTestHarness<String, RegistryEntry, IndexUpdate> indexer;
    final KeyedTwoInputStreamOperatorTestHarness<String, IndexUpdate, LookupRequest, LookupAnswer> lookup;
    final KeyedTwoInputStreamOperatorTestHarness<String, UnifiedRecord, LookupAnswer, UnifiedRecord> resolver;
    private int indexed;
    private int answered;

    LinkStages(EmitMode mode) throws Exception {
        indexer = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RegistryIndexer(mode)),
                RegistryEntry::getEnterpriseId, Types.STRING);
        lookup = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new KeyLookupFunction(mode, 16)),
                IndexUpdate::getKey, LookupRequest::getKey, Types.STRING);
        resolver = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new LinkResolver(mode, "Asia/Shanghai")),
                UnifiedRecord::getRecordId, LookupAnswer::getRecordId, Types.STRING);
        indexer.open();
        lookup.open();
        resolver.open();
    }

    LinkStages registry(RegistryEntry entry) throws Exception {
        indexer.processElement(entry, 0L);
        pump();
        return this;
    }

    LinkStages record(UnifiedRecord record) throws Exception {
        resolver.processElement1(record, 0L);
        new LinkRequests().flatMap(record, new Collector<>() {
            @Override
            public void collect(LookupRequest r) {
                try {
                    lookup.processElement2(r, 0L);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void close() {}
        });
        pump();
        return this;
    }

    /** The end of bounded input, stage by stage. */
    LinkStages end() throws Exception {
        Watermark end = new Watermark(Long.MAX_VALUE);
        indexer.processWatermark(end);
        pump();
        lookup.processBothWatermarks(end);
        pump();
        resolver.processBothWatermarks(end);
        return this;
    }

    /** Every publication, in order. */
    List<UnifiedRecord> published() {
        return resolver.extractOutputValues();
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
        List<LinkChange> out = new ArrayList<>();
        var side = resolver.getSideOutput(LinkResolver.LINK_CHANGES);
        if (side != null) {
            for (StreamRecord<LinkChange> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    private void pump() throws Exception {
        boolean moved = true;
        while (moved) {
            moved = false;
            List<IndexUpdate> updates = indexer.extractOutputValues();
            for (; indexed < updates.size(); indexed++) {
                lookup.processElement1(updates.get(indexed), 0L);
                moved = true;
            }
            List<LookupAnswer> answers = lookup.extractOutputValues();
            for (; answered < answers.size(); answered++) {
                resolver.processElement2(answers.get(answered), 0L);
                moved = true;
            }
        }
    }

    @Override
    public void close() throws Exception {
        indexer.close();
        lookup.close();
        resolver.close();
    }
}
