package io.guiji.jobs.link;

import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupRequest;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Each unified record's lookup keys ({@link LinkKeys#requestsFor}). Stateless; re-sent requests are idempotent. */
public class LinkRequests implements FlatMapFunction<UnifiedRecord, LookupRequest> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(UnifiedRecord record, Collector<LookupRequest> out) {
        for (LookupRequest r : LinkKeys.requestsFor(record)) {
            out.collect(r);
        }
    }
}
