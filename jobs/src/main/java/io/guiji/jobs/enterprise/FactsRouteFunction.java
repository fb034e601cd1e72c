package io.guiji.jobs.enterprise;

import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.RecordFacts;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Streaming: turns each published state of a unified record into its facts for its subject ({@link
 * RecordFactsExtractor}), and, when the record's subject changed (re-linked to another enterprise,
 * linked at last, now a person's), a removal of its facts from the subject it left. Key: {@code
 * record_id}. State: the version and subject last routed, for the life of the record, as one value
 * (one state read and write a change: each state of a streaming job is RocksDB work at every
 * checkpoint, BENCHMARKS.md "Streaming with the enterprise view"). A state older than the one
 * routed is ignored (only the highest version of a record counts).
 *
 * <p>A bounded run needs no router: each record is published once, final ({@link
 * io.guiji.jobs.EmitMode#FINAL}), so its facts go straight to its subject.
 *
 * <p><b>Isolation.</b> A record whose facts cannot be made is skipped, counted in {@value
 * ProcessingErrors#METRIC}: it is already published; only the views miss it.
 */
public class FactsRouteFunction extends KeyedProcessFunction<String, UnifiedRecord, RecordFacts> {
    private static final long serialVersionUID = 1L;

    /** The version and subject (null for none: a person's record) last routed. */
    private transient ValueState<Tuple2<Long, String>> last;

    private transient Counter processingErrors;

    @Override
    public void open(OpenContext openContext) {
        last =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "routed", Types.TUPLE(Types.LONG, Types.STRING)));
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(UnifiedRecord r, Context ctx, Collector<RecordFacts> out)
            throws Exception {
        Tuple2<Long, String> before = last.value();
        if (before != null && before.f0 >= r.getVersion()) {
            return;
        }
        RecordFacts facts;
        String subject;
        try {
            subject = RecordFactsExtractor.subjectKey(r);
            facts = subject == null ? null : RecordFactsExtractor.facts(r, subject);
        } catch (RuntimeException e) {
            ProcessingErrors.rethrowIfInfrastructure(e);
            processingErrors.inc();
            return;
        }
        String old = before == null ? null : before.f1;
        if (old != null && !old.equals(subject)) {
            out.collect(removal(old, r));
        }
        if (facts != null) {
            out.collect(facts);
        }
        last.update(Tuple2.of(r.getVersion(), subject));
    }

    /** The removal of record {@code r}'s facts from {@code subject}. */
    static RecordFacts removal(String subject, UnifiedRecord r) {
        RecordFacts gone = RecordFactsExtractor.facts(r, subject);
        gone.setRemoved(true);
        return gone;
    }
}
