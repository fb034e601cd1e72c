package io.guiji.jobs.enterprise;

import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.RecordFacts;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Bounded runs: the facts of each unified record, published once in its final state, for its
 * subject ({@link RecordFactsExtractor}); none for a person's record or a revoked one. No state: in
 * {@link io.guiji.jobs.EmitMode#FINAL} a record never moves between subjects ({@link
 * FactsRouteFunction} does that in streaming).
 *
 * <p><b>Isolation.</b> A record whose facts cannot be made is skipped, counted in {@value
 * ProcessingErrors#METRIC}.
 */
public class FinalFactsFunction extends RichFlatMapFunction<UnifiedRecord, RecordFacts> {
    private static final long serialVersionUID = 1L;
    private transient Counter processingErrors;

    @Override
    public void open(OpenContext openContext) {
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void flatMap(UnifiedRecord r, Collector<RecordFacts> out) throws Exception {
        RecordFacts facts;
        try {
            String subject = RecordFactsExtractor.subjectKey(r);
            facts = subject == null ? null : RecordFactsExtractor.facts(r, subject);
        } catch (RuntimeException e) {
            ProcessingErrors.rethrowIfInfrastructure(e);
            processingErrors.inc();
            return;
        }
        if (facts != null && !facts.getRemoved()) {
            out.collect(facts);
        }
    }
}
