package io.guiji.jobs.link;

import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupRequest;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Each unified record's lookup keys ({@link LinkKeys#requestsFor}). Stateless; re-sent requests are
 * idempotent.
 *
 * <p><b>Isolation.</b> A record whose keys cannot be computed (the computation throws, or gives a
 * request without a key) sends no request and is counted in {@value ProcessingErrors#METRIC}; it
 * is not lost: {@link LinkResolver} computes the same keys from the same record, fails the same
 * way, and publishes the record unlinked with the flag {@code LINK_ERROR} without waiting for
 * answers.
 */
public class LinkRequests extends RichFlatMapFunction<UnifiedRecord, LookupRequest> {
    private static final long serialVersionUID = 1L;
    private transient Counter processingErrors;

    @Override
    public void open(OpenContext openContext) {
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void flatMap(UnifiedRecord record, Collector<LookupRequest> out) {
        List<LookupRequest> requests;
        try {
            requests = LinkResolver.requests(record);
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            return;
        }
        for (LookupRequest r : requests) {
            out.collect(r);
        }
    }
}
